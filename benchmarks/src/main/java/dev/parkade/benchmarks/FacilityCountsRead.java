package dev.parkade.benchmarks;

import dev.parkade.adapters.inmemory.InMemoryParkingLot;
import dev.parkade.domain.FacilityId;
import dev.parkade.domain.SpotFeature;
import dev.parkade.domain.port.FacilityCounts;
import dev.parkade.domain.port.Occupancy;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * A facility's counts on a lot of a million spots in 20 facilities in the mix of {@link TypedLots},
 * {@code occupancy} of each class held: {@code counts(facility)}, and from it every feature's
 * counts ({@link FacilityCounts#byFeature}); beside them the lot's free count, as {@link
 * Availability} reads it, as the baseline.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FacilityCountsRead {
  private static final int FACILITIES = 20;

  @Param({"1000000"})
  public int spots;

  @Param({"0.5"})
  public double occupancy;

  private InMemoryParkingLot lot = new InMemoryParkingLot();
  private final FacilityId facility = TypedLots.facility(7);

  @Setup(Level.Trial)
  public void fillTheLot() {
    lot = new InMemoryParkingLot();
    TypedLots.addSpots(lot, FACILITIES, spots / FACILITIES, true);
    TypedLots.fill(lot, FACILITIES, spots / FACILITIES, true, occupancy);
  }

  @Benchmark
  public long lotFreeCount() {
    return lot.occupancy().free();
  }

  @Benchmark
  public FacilityCounts facilityCounts() {
    return lot.counts(facility).orElseThrow();
  }

  @Benchmark
  public Map<SpotFeature, Occupancy> facilityCountsByFeature() {
    return lot.counts(facility).orElseThrow().byFeature();
  }
}
