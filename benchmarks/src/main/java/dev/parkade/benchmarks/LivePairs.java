package dev.parkade.benchmarks;

import dev.parkade.adapters.inmemory.InMemoryParkingLot;
import dev.parkade.application.ChangeSignals;
import dev.parkade.application.LivePublisher;
import dev.parkade.application.LiveSink;
import dev.parkade.application.OccupancyHistory;
import dev.parkade.application.OccupancyUpdate;
import dev.parkade.application.ParkingService;
import dev.parkade.application.SessionIdGenerator;
import dev.parkade.application.StartSession;
import dev.parkade.domain.FacilityId;
import dev.parkade.domain.LicensePlate;
import dev.parkade.domain.ParkingException;
import dev.parkade.domain.ParkingSession;
import dev.parkade.domain.SpotFeatures;
import dev.parkade.domain.SpotId;
import dev.parkade.domain.UserId;
import dev.parkade.domain.port.ChangeRelay;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * Start+end pairs through {@link ParkingService} on the in-memory lot, with live publishing off
 * (the writes' signals are left for nobody) or on (the publisher ticking every 250 ms on its own
 * thread, handing each event to 100 subscribers, and every benchmark driver watched by a session
 * stream, so that each start and end also goes into the ring of session changes). Issue 16 asks
 * that on is at least 0.9 of off.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class LivePairs {
  private static final int DRIVERS_PER_THREAD = 16;
  private static final int SUBSCRIBERS = 100;
  private static final int THREADS_WATCHED = 8;

  @Param({"off", "on"})
  public String publishing = "off";

  @Param({"100000"})
  public int spots;

  @Param({"0.95"})
  public double occupancy;

  private final InMemoryParkingLot lot = new InMemoryParkingLot();
  private final ChangeSignals signals = new ChangeSignals();
  private ParkingService service =
      new ParkingService(lot, lot, Clock.systemUTC(), SessionIdGenerator.randomUuids(), signals);
  private ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor();

  /** Stands for the streams: each event offered to every subscriber's slot. */
  static final class Subscribers implements LiveSink {
    final AtomicLong[] received = new AtomicLong[SUBSCRIBERS];

    Subscribers() {
      for (int i = 0; i < SUBSCRIBERS; i++) {
        received[i] = new AtomicLong();
      }
    }

    private void fanOut() {
      for (AtomicLong r : received) {
        r.incrementAndGet();
      }
    }

    @Override
    public void occupancy(OccupancyUpdate update) {
      fanOut();
    }

    @Override
    public void session(ParkingSession session) {
      received[Math.floorMod(session.userId().hashCode(), SUBSCRIBERS)].incrementAndGet();
    }

    @Override
    public void keepAlive() {
      fanOut();
    }

    @Override
    public void removed(FacilityId facility) {}

    @Override
    public void sessionsLost() {
      fanOut();
    }
  }

  @Setup(Level.Trial)
  public void fillTheLot() {
    List<SpotId> ids = new ArrayList<>();
    for (int i = 0; i < spots; i++) {
      ids.add(new SpotId("S" + i));
    }
    for (int from = 0; from < ids.size(); from += 10_000) {
      lot.add(ids.subList(from, Math.min(ids.size(), from + 10_000)));
    }
    int held = (int) (spots * occupancy);
    for (int i = 0; i < held; i++) {
      service.startSession(
          new StartSession(
              new UserId("held" + i),
              new LicensePlate("H" + i),
              FacilityId.DEFAULT,
              SpotFeatures.NONE));
    }
    if (publishing.equals("on")) {
      for (int t = 0; t < THREADS_WATCHED; t++) {
        for (int d = 0; d < DRIVERS_PER_THREAD; d++) {
          signals.watch(user(t, d));
        }
      }
      LivePublisher publisher =
          new LivePublisher(
              service,
              lot,
              signals,
              ChangeRelay.NONE,
              new OccupancyHistory(),
              new Subscribers(),
              LivePublisher.Timing.DEFAULT);
      var unused =
          ticks.scheduleWithFixedDelay(
              () -> publisher.tick(Clock.systemUTC().instant()), 0, 250, TimeUnit.MILLISECONDS);
    }
  }

  @TearDown(Level.Trial)
  public void stopTicking() {
    ticks.shutdownNow();
  }

  static UserId user(int thread, int driver) {
    return new UserId("t" + thread + "-d" + driver);
  }

  /** One thread's own drivers and plates, made once so that the loop measures only the writes. */
  @State(Scope.Thread)
  public static class Drivers {
    StartSession[] starts = new StartSession[DRIVERS_PER_THREAD];
    int next;

    @Setup(Level.Trial)
    public void make(ThreadParams thread) {
      for (int i = 0; i < DRIVERS_PER_THREAD; i++) {
        starts[i] =
            new StartSession(
                user(thread.getThreadIndex(), i),
                new LicensePlate("T" + thread.getThreadIndex() + "P" + i),
                FacilityId.DEFAULT,
                SpotFeatures.NONE);
      }
    }
  }

  @Benchmark
  public ParkingSession startThenEnd(Drivers drivers) {
    StartSession start = drivers.starts[drivers.next++ & (DRIVERS_PER_THREAD - 1)];
    try {
      service.startSession(start);
      return service.endCurrentSession(start.user());
    } catch (ParkingException refused) {
      throw new IllegalStateException("each driver ends before starting again", refused);
    }
  }
}
