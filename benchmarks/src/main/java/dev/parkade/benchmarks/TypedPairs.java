package dev.parkade.benchmarks;

import dev.parkade.adapters.inmemory.InMemoryParkingLot;
import dev.parkade.domain.FacilityId;
import dev.parkade.domain.LicensePlate;
import dev.parkade.domain.ParkingException;
import dev.parkade.domain.SessionId;
import dev.parkade.domain.SpotFeatures;
import dev.parkade.domain.UserId;
import dev.parkade.domain.port.NewSession;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
 * Start+end pairs per second on Parkade's in-memory engine with spot features and needs ({@code
 * mix=typed}: the lot and drivers of {@link TypedLots}) against today's untyped pairs on a lot of
 * the same size and occupancy ({@code mix=untyped}: plain spots, no needs, as {@link StartEndPairs}
 * with {@code design=parkade}). Each class of spots is filled to {@code occupancy}. A refused start
 * (no fitting spot free) still counts as a pair, as in {@link StartEndPairs}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TypedPairs {
  private static final int DRIVERS_PER_THREAD = 16;

  @Param({"untyped", "typed"})
  public String mix = "typed";

  @Param({"1000", "100000"})
  public int spots;

  @Param({"0", "0.95"})
  public double occupancy;

  private InMemoryParkingLot lot = new InMemoryParkingLot();
  private AtomicLong ids = new AtomicLong();

  @Setup(Level.Trial)
  public void fillTheLot() {
    boolean typed = mix.equals("typed");
    lot = new InMemoryParkingLot();
    TypedLots.addSpots(lot, 1, spots, typed);
    ids = new AtomicLong(TypedLots.fill(lot, 1, spots, typed, occupancy));
  }

  /** One thread's own drivers, plates and needs, made once. */
  @State(Scope.Thread)
  public static class Drivers {
    UserId[] users = new UserId[DRIVERS_PER_THREAD];
    LicensePlate[] plates = new LicensePlate[DRIVERS_PER_THREAD];
    SpotFeatures[] needs = new SpotFeatures[DRIVERS_PER_THREAD];
    int next;

    @Setup(Level.Trial)
    public void make(ThreadParams thread, TypedPairs bench) {
      boolean typed = bench.mix.equals("typed");
      for (int i = 0; i < DRIVERS_PER_THREAD; i++) {
        users[i] = new UserId("t" + thread.getThreadIndex() + "-d" + i);
        plates[i] = new LicensePlate("T" + thread.getThreadIndex() + "P" + i);
        needs[i] = typed ? TypedLots.needsOf(i) : SpotFeatures.NONE;
      }
    }
  }

  @Benchmark
  public boolean startThenEnd(Drivers drivers) {
    int i = drivers.next++ & (DRIVERS_PER_THREAD - 1);
    try {
      lot.start(
          new NewSession(
              new SessionId("s" + ids.incrementAndGet()),
              drivers.users[i],
              drivers.plates[i],
              TypedLots.NOW,
              FacilityId.DEFAULT,
              drivers.needs[i]));
    } catch (ParkingException refused) {
      return false;
    }
    try {
      lot.endActiveSessionOf(drivers.users[i], TypedLots.NOW);
      return true;
    } catch (ParkingException refused) {
      return false;
    }
  }
}
