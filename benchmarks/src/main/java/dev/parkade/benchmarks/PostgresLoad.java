package dev.parkade.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.parkade.adapters.jdbc.JdbcSettings;
import dev.parkade.adapters.jdbc.JdbcStorage;
import dev.parkade.domain.LicensePlate;
import dev.parkade.domain.ParkingException;
import dev.parkade.domain.SessionId;
import dev.parkade.domain.SpotId;
import dev.parkade.domain.UserId;
import dev.parkade.domain.port.NewSession;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Start+end pairs per second on one PostgreSQL (embedded, started here), for 1, 8 and 32 client
 * threads: Parkade's JDBC adapter against a raw-JDBC baseline in the same run on the same server.
 * The baseline is the minimal transaction pair with no constraints and no domain code; its plain
 * {@code FOR UPDATE} variant shows what SKIP LOCKED buys.
 */
public final class PostgresLoad {
  private static final int SPOTS = 1_000;
  private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

  private PostgresLoad() {}

  /** One client's start+end pair; answers whether it parked. */
  private interface Pair {
    boolean run(int thread, long n) throws Exception;
  }

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    int[] threadCounts = {1, 8, 32};
    try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
      System.out.println(
          "| threads | raw SKIP LOCKED pairs/s | raw FOR UPDATE pairs/s | parkade pairs/s | parkade / raw SKIP LOCKED |");
      System.out.println("| ---: | ---: | ---: | ---: | ---: |");
      for (int threads : threadCounts) {
        double skipLocked = raw(pg, "raw_skip_" + threads, threads, seconds, true);
        double forUpdate = raw(pg, "raw_wait_" + threads, threads, seconds, false);
        double parkade = parkade(pg, "parkade_" + threads, threads, seconds);
        System.out.printf(
            Locale.ROOT,
            "| %d | %,.0f | %,.0f | %,.0f | %.2f |%n",
            threads,
            skipLocked,
            forUpdate,
            parkade,
            parkade / skipLocked);
      }
    }
  }

  private static String createDatabase(EmbeddedPostgres pg, String name) throws SQLException {
    try (Connection admin = pg.getPostgresDatabase().getConnection();
        Statement sql = admin.createStatement()) {
      sql.execute("CREATE DATABASE " + name);
    }
    return pg.getJdbcUrl("postgres", name);
  }

  private static HikariDataSource pool(String url, int size) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setUsername("postgres");
    config.setPassword("postgres");
    config.setMaximumPoolSize(size);
    return new HikariDataSource(config);
  }

  private static double raw(
      EmbeddedPostgres pg, String database, int threads, int seconds, boolean skipLocked)
      throws Exception {
    String url = createDatabase(pg, database);
    try (HikariDataSource pool = pool(url, threads)) {
      try (Connection c = pool.getConnection();
          Statement sql = c.createStatement()) {
        sql.execute("CREATE TABLE spot (id TEXT PRIMARY KEY, free BOOLEAN NOT NULL)");
        sql.execute("CREATE INDEX spot_free ON spot (free, id)");
        sql.execute(
            "CREATE TABLE session (id BIGSERIAL PRIMARY KEY, spot_id TEXT NOT NULL,"
                + " started_at TIMESTAMPTZ NOT NULL, ended_at TIMESTAMPTZ)");
        sql.execute(
            "INSERT INTO spot SELECT 'L' || lpad(g::text, 7, '0'), TRUE FROM generate_series(1, "
                + SPOTS
                + ") g");
      }
      String claim =
          "UPDATE spot SET free = false WHERE id = (SELECT id FROM spot WHERE free ORDER BY id"
              + " LIMIT 1 FOR UPDATE"
              + (skipLocked ? " SKIP LOCKED" : "")
              + ") RETURNING id";
      return measure(
          threads,
          seconds,
          (thread, n) -> {
            long session;
            String spot;
            try (Connection c = pool.getConnection()) {
              c.setAutoCommit(false);
              try (PreparedStatement p = c.prepareStatement(claim);
                  ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                  c.rollback();
                  return false;
                }
                spot = rs.getString(1);
              }
              try (PreparedStatement p =
                  c.prepareStatement(
                      "INSERT INTO session (spot_id, started_at) VALUES (?, now()) RETURNING id")) {
                p.setString(1, spot);
                try (ResultSet rs = p.executeQuery()) {
                  rs.next();
                  session = rs.getLong(1);
                }
              }
              c.commit();
              try (PreparedStatement end =
                      c.prepareStatement("UPDATE session SET ended_at = now() WHERE id = ?");
                  PreparedStatement free =
                      c.prepareStatement("UPDATE spot SET free = true WHERE id = ?")) {
                end.setLong(1, session);
                end.executeUpdate();
                free.setString(1, spot);
                free.executeUpdate();
              }
              c.commit();
            }
            return true;
          });
    }
  }

  private static double parkade(EmbeddedPostgres pg, String database, int threads, int seconds)
      throws Exception {
    String url = createDatabase(pg, database);
    try (JdbcStorage storage =
        JdbcStorage.open(JdbcSettings.of(url, "postgres", "postgres").withPoolSize(threads))) {
      List<SpotId> spots = new ArrayList<>();
      for (int i = 1; i <= SPOTS; i++) {
        spots.add(new SpotId(String.format("L%07d", i)));
      }
      storage.lot().add(spots);
      AtomicLong ids = new AtomicLong();
      double pairs =
          measure(
              threads,
              seconds,
              (thread, n) -> {
                UserId user = new UserId("u" + thread);
                try {
                  storage
                      .lot()
                      .start(
                          new NewSession(
                              new SessionId("s" + ids.incrementAndGet()),
                              user,
                              new LicensePlate("P" + thread),
                              NOW));
                } catch (ParkingException refused) {
                  return false;
                }
                storage.lot().endActiveSessionOf(user, NOW);
                return true;
              });
      if (storage.lot().occupancy().free() != SPOTS) {
        throw new IllegalStateException("invariant broken: " + storage.lot().occupancy());
      }
      return pairs;
    }
  }

  /**
   * Runs {@code pair} on {@code threads} threads for {@code seconds}; completed pairs per second.
   */
  private static double measure(int threads, int seconds, Pair pair) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CyclicBarrier start = new CyclicBarrier(threads);
      long[] deadline = {0};
      List<Future<Long>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        done.add(
            pool.submit(
                () -> {
                  start.await();
                  synchronized (deadline) {
                    if (deadline[0] == 0) {
                      deadline[0] = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
                    }
                  }
                  long end;
                  synchronized (deadline) {
                    end = deadline[0];
                  }
                  long pairs = 0;
                  for (long n = 0; System.nanoTime() < end; n++) {
                    if (pair.run(thread, n)) {
                      pairs++;
                    }
                  }
                  return pairs;
                }));
      }
      long total = 0;
      for (Future<Long> f : done) {
        total += f.get();
      }
      return total / (double) seconds;
    } finally {
      pool.shutdownNow();
    }
  }
}
