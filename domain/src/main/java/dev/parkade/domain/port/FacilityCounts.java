package dev.parkade.domain.port;

import dev.parkade.domain.FacilityId;
import dev.parkade.domain.SpotFeature;
import dev.parkade.domain.SpotFeatures;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * How many spots a facility has and how many are free, per feature class, read at one instant;
 * every other count of the facility (all its spots, those having a feature, those having several)
 * is a sum of at most {@link SpotFeatures#CLASSES} of these.
 */
public final class FacilityCounts {
  private final FacilityId facility;
  private final long[] total;
  private final long[] free;

  /**
   * @param total spots per feature class, indexed by mask
   * @param free free spots per feature class, indexed by mask
   */
  public FacilityCounts(FacilityId facility, long[] total, long[] free) {
    this.facility = Objects.requireNonNull(facility, "facility");
    if (total.length != SpotFeatures.CLASSES || free.length != SpotFeatures.CLASSES) {
      throw new IllegalArgumentException("counts for " + SpotFeatures.CLASSES + " classes");
    }
    this.total = total.clone();
    this.free = free.clone();
    for (int mask = 0; mask < SpotFeatures.CLASSES; mask++) {
      of(SpotFeatures.ofMask(mask)); // checks 0 <= free <= total
    }
  }

  /** A facility with no spots. */
  public static FacilityCounts empty(FacilityId facility) {
    return new FacilityCounts(
        facility, new long[SpotFeatures.CLASSES], new long[SpotFeatures.CLASSES]);
  }

  public FacilityId facility() {
    return facility;
  }

  /** The spots of exactly feature class {@code features}. */
  public Occupancy of(SpotFeatures features) {
    return new Occupancy(total[features.mask()], free[features.mask()]);
  }

  /** The spots having every feature of {@code required}, and maybe more. */
  public Occupancy having(SpotFeatures required) {
    long t = 0;
    long f = 0;
    for (int mask = 0; mask < SpotFeatures.CLASSES; mask++) {
      if (SpotFeatures.ofMask(mask).hasAll(required)) {
        t += total[mask];
        f += free[mask];
      }
    }
    return new Occupancy(t, f);
  }

  /** Every spot of the facility. */
  public Occupancy all() {
    return having(SpotFeatures.NONE);
  }

  /** For each feature, the spots having it. */
  public Map<SpotFeature, Occupancy> byFeature() {
    EnumMap<SpotFeature, Occupancy> counts = new EnumMap<>(SpotFeature.class);
    for (SpotFeature feature : SpotFeature.values()) {
      counts.put(feature, having(SpotFeatures.of(feature)));
    }
    return counts;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FacilityCounts other
        && facility.equals(other.facility)
        && Arrays.equals(total, other.total)
        && Arrays.equals(free, other.free);
  }

  @Override
  public int hashCode() {
    return Objects.hash(facility, Arrays.hashCode(total), Arrays.hashCode(free));
  }

  @Override
  public String toString() {
    return "FacilityCounts["
        + facility
        + " total="
        + Arrays.toString(total)
        + " free="
        + Arrays.toString(free)
        + "]";
  }
}
