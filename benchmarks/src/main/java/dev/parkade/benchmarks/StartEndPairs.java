package dev.parkade.benchmarks;

import dev.parkade.domain.LicensePlate;
import dev.parkade.domain.UserId;
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
import org.openjdk.jmh.infra.ThreadParams;

/**
 * Start+end pairs per second: each thread cycles its own drivers, starting a session and ending it,
 * on a lot of {@code spots} spots of which {@code occupancy} are held by others. Run with {@code -t
 * 1}, {@code -t 2}, {@code -t 8}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class StartEndPairs {
  private static final int DRIVERS_PER_THREAD = 16;

  @Param({"parkade", "global-lock", "literal-scan"})
  public String design = "parkade";

  @Param({"1000", "100000", "1000000"})
  public int spots;

  @Param({"0", "0.95", "0.999"})
  public double occupancy;

  private ParkingEngine engine = new ParkadeEngine();

  @Setup(Level.Trial)
  public void fillTheLot() {
    engine = Designs.lot(design, spots, occupancy);
  }

  /** One thread's own drivers and plates, made once so that the loop measures only the engine. */
  @State(Scope.Thread)
  public static class Drivers {
    UserId[] users = new UserId[DRIVERS_PER_THREAD];
    LicensePlate[] plates = new LicensePlate[DRIVERS_PER_THREAD];
    int next;

    @Setup(Level.Trial)
    public void make(ThreadParams thread) {
      for (int i = 0; i < DRIVERS_PER_THREAD; i++) {
        users[i] = new UserId("t" + thread.getThreadIndex() + "-d" + i);
        plates[i] = new LicensePlate("T" + thread.getThreadIndex() + "P" + i);
      }
    }
  }

  @Benchmark
  public ParkingEngine.Outcome startThenEnd(Drivers drivers) {
    int i = drivers.next++ & (DRIVERS_PER_THREAD - 1);
    engine.start(drivers.users[i], drivers.plates[i]);
    return engine.end(drivers.users[i]);
  }
}
