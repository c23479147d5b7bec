package dev.parkade.application;

import dev.parkade.domain.FacilityId;
import dev.parkade.domain.port.Occupancy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each facility's occupancy over the last hour, for the dashboard's chart: a ring of {@link
 * #SAMPLES} samples per facility, one every {@link #INTERVAL}, taken by the live publisher from the
 * counts it last sent (ADR 0016). Each server process keeps its own, from when it started.
 */
public final class OccupancyHistory {
  public static final Duration INTERVAL = Duration.ofSeconds(10);
  public static final int SAMPLES = 360;

  /** A facility's spots and free spots at one instant. */
  public record Sample(Instant at, long total, long available) {
    public Sample {
      Objects.requireNonNull(at, "at");
    }

    public long occupied() {
      return total - available;
    }
  }

  private final Map<FacilityId, Ring> rings = new ConcurrentHashMap<>();

  /** Records one sample per facility at {@code at}; a facility not in {@code counts} is dropped. */
  void record(Instant at, Map<FacilityId, Occupancy> counts) {
    rings.keySet().retainAll(counts.keySet());
    counts.forEach(
        (facility, occupancy) ->
            rings
                .computeIfAbsent(facility, f -> new Ring())
                .add(new Sample(at, occupancy.total(), occupancy.free())));
  }

  /** The facility's samples, oldest first; empty for a facility never sampled. */
  public List<Sample> of(FacilityId facility) {
    Ring ring = rings.get(facility);
    return ring == null ? List.of() : ring.samples();
  }

  Set<FacilityId> facilities() {
    return Set.copyOf(rings.keySet());
  }

  /** Written by the publisher only, read by any request thread. */
  private static final class Ring {
    private final Sample[] samples = new Sample[SAMPLES];
    private int next;
    private int size;

    synchronized void add(Sample sample) {
      samples[next] = sample;
      next = (next + 1) % SAMPLES;
      size = Math.min(size + 1, SAMPLES);
    }

    synchronized List<Sample> samples() {
      List<Sample> oldestFirst = new ArrayList<>(size);
      for (int i = 0; i < size; i++) {
        oldestFirst.add(samples[(next - size + i + SAMPLES) % SAMPLES]);
      }
      return oldestFirst;
    }
  }
}
