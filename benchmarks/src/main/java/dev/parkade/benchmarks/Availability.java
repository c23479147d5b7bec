package dev.parkade.benchmarks;

import dev.parkade.domain.SpotId;
import java.util.List;
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

/** The free count and the first 1,000 free ids on a lot of a million spots. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class Availability {
  @Param({"parkade", "global-lock"})
  public String design = "parkade";

  @Param({"1000000"})
  public int spots;

  @Param({"0", "0.999"})
  public double occupancy;

  private ParkingEngine engine = new ParkadeEngine();

  @Setup(Level.Trial)
  public void fillTheLot() {
    engine = Designs.lot(design, spots, occupancy);
  }

  @Benchmark
  public long freeCount() {
    return engine.freeCount();
  }

  @Benchmark
  public List<SpotId> first1000FreeIds() {
    return engine.firstFree(1000);
  }
}
