import dev.parkade.adapters.jdbc.JdbcSettings;
import dev.parkade.adapters.jdbc.JdbcStorage;
import dev.parkade.domain.LicensePlate;
import dev.parkade.domain.ParkingException;
import dev.parkade.domain.SessionId;
import dev.parkade.domain.SpotId;
import dev.parkade.domain.UserId;
import dev.parkade.domain.port.NewSession;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * One side of {@code bench/unkeyed-against}: unkeyed untyped start+end pairs on one PostgreSQL
 * database, only in this side's slices of a wall-clock schedule shared with the other side's
 * process. A single source file, run by the launcher against each build's jar, so that it uses only
 * what both builds have.
 *
 * <p>Arguments: JDBC URL, client threads, the schedule's start (epoch ms), this side (0 or 1), the
 * warm-up slices, the measured slices. Slices last a second and go to sides 0, 1, 1, 0, repeated.
 * Prints this side's pairs per second over its measured slices.
 */
public class UnkeyedSlices {
  private static final long SLICE_MILLIS = 1_000;
  private static final int[] ORDER = {0, 1, 1, 0};
  private static final int SPOTS = 1_000;

  public static void main(String[] args) throws Exception {
    String url = args[0];
    int threads = Integer.parseInt(args[1]);
    long start = Long.parseLong(args[2]);
    int side = Integer.parseInt(args[3]);
    int warmUp = Integer.parseInt(args[4]);
    int measured = Integer.parseInt(args[5]);
    long end = start + (warmUp + measured) * SLICE_MILLIS;
    Instant now = Instant.parse("2026-11-24T10:00:00Z");
    try (JdbcStorage storage =
        JdbcStorage.open(JdbcSettings.of(url, "postgres", "postgres").withPoolSize(threads))) {
      List<SpotId> spots = new ArrayList<>();
      for (int i = 1; i <= SPOTS; i++) {
        spots.add(new SpotId(String.format("L%07d", i)));
      }
      storage.lot().add(spots);
      AtomicLong ids = new AtomicLong();
      LongAdder pairs = new LongAdder();
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        UserId user = new UserId("u" + t);
        LicensePlate plate = new LicensePlate("P" + t);
        done.add(
            pool.submit(
                () -> {
                  for (long ms = System.currentTimeMillis();
                      ms < end;
                      ms = System.currentTimeMillis()) {
                    int slice = (int) Math.floorDiv(ms - start, SLICE_MILLIS);
                    if (slice < 0 || ORDER[slice % ORDER.length] != side) {
                      // Not this side's turn: the other process has the server and the cores.
                      Thread.sleep(Math.max(1, start + (Math.max(slice, -1) + 1) * SLICE_MILLIS - ms));
                      continue;
                    }
                    try {
                      storage
                          .lot()
                          .start(new NewSession(new SessionId("s" + ids.incrementAndGet()), user, plate, now));
                    } catch (ParkingException refused) {
                      continue;
                    }
                    storage.lot().endActiveSessionOf(user, now);
                    if (slice >= warmUp) {
                      pairs.increment();
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
      pool.shutdown();
      if (storage.lot().occupancy().free() != SPOTS) {
        throw new IllegalStateException("invariant broken: " + storage.lot().occupancy());
      }
      System.out.printf(Locale.ROOT, "%.0f%n", pairs.sum() / (measured / 2.0 * SLICE_MILLIS / 1000.0));
    }
  }
}
