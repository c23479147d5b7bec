package dev.parkade.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.parkade.adapters.jdbc.JdbcSettings;
import dev.parkade.adapters.jdbc.JdbcStorage;
import dev.parkade.domain.FacilityId;
import dev.parkade.domain.Fingerprint;
import dev.parkade.domain.IdempotencyKey;
import dev.parkade.domain.LicensePlate;
import dev.parkade.domain.ParkingException;
import dev.parkade.domain.SessionId;
import dev.parkade.domain.SpotFeatures;
import dev.parkade.domain.SpotId;
import dev.parkade.domain.UserId;
import dev.parkade.domain.port.IdempotentWrites;
import dev.parkade.domain.port.KeyedAnswer;
import dev.parkade.domain.port.KeyedRequest;
import dev.parkade.domain.port.NewSession;
import dev.parkade.domain.port.WriteOutcome;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
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
 * {@code FOR UPDATE} variant, measured on its own, shows what SKIP LOCKED buys. Each ratio the
 * table prints compares two variants measured in slices alternating on the same client threads
 * ({@link AlternatingSlices}): on a host whose speed drifts, two variants measured one after the
 * other differ by the drift as much as by themselves. Parkade untyped (plain spots, no needs)
 * against raw SKIP LOCKED; typed (the spots and needs of {@link TypedLots}) against untyped; and
 * untyped with every write under an {@code Idempotency-Key} against unkeyed ({@link
 * #keyedAndUnkeyed}).
 *
 * <p>Arguments: seconds measured per variant (5), the longest warm-up per variant in seconds (30),
 * then the client thread counts (1 8 32).
 */
public final class PostgresLoad {
  private static final int SPOTS = 1_000;
  private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

  private PostgresLoad() {}

  /** One client's start+end pair; answers whether it parked. */
  interface Pair {
    boolean run(int thread, long n) throws Exception;
  }

  public static void main(String[] args) throws Exception {
    Phases phases =
        new Phases(
            args.length > 0 ? Integer.parseInt(args[0]) : 5,
            args.length > 1 ? Integer.parseInt(args[1]) : 30);
    int[] threadCounts =
        args.length > 2
            ? Arrays.stream(args, 2, args.length).mapToInt(Integer::parseInt).toArray()
            : new int[] {1, 8, 32};
    StringBuilder cpu = new StringBuilder();
    try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
      System.out.println(
          "| threads | raw SKIP LOCKED pairs/s | raw FOR UPDATE pairs/s | parkade pairs/s | parkade / raw SKIP LOCKED | parkade typed pairs/s | typed / untyped | parkade keyed pairs/s | keyed / unkeyed |");
      System.out.println("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
      for (int threads : threadCounts) {
        // Typed against untyped first: measured first, Parkade's client code was still cold, and
        // cost a third more CPU per pair than later, which charged Parkade against raw SKIP LOCKED
        // with it (BENCHMARKS.md, section 14). Both typed and untyped meet it alike.
        AlternatingSlices.Runs typedAgainstUntyped = typedAndUntyped(pg, threads, phases);
        Run untyped = typedAgainstUntyped.first();
        Run typed = typedAgainstUntyped.second();
        AlternatingSlices.Runs againstRaw = parkadeAndRawSkipLocked(pg, threads, phases);
        Run skipLocked = againstRaw.first();
        Run parkade = againstRaw.second();
        Run forUpdate;
        try (Variant raw = raw(pg, "raw_wait_" + threads, threads, false)) {
          forUpdate = measure(threads, phases, raw.pair());
          raw.checkAllFree();
        }
        KeyedAndUnkeyed both = keyedAndUnkeyed(pg, "parkade_", threads, phases);
        double keyed = both.keyed().pairsPerSecond();
        double unkeyed = both.unkeyed().pairsPerSecond();
        System.out.printf(
            Locale.ROOT,
            "| %d | %,.0f | %,.0f | %,.0f | %.2f | %,.0f | %.2f | %,.0f | %.2f |%n",
            threads,
            skipLocked.pairsPerSecond(),
            forUpdate.pairsPerSecond(),
            parkade.pairsPerSecond(),
            parkade.pairsPerSecond() / skipLocked.pairsPerSecond(),
            typed.pairsPerSecond(),
            typed.pairsPerSecond() / untyped.pairsPerSecond(),
            keyed,
            keyed / unkeyed);
        cpu.append(
            String.format(
                Locale.ROOT,
                "| %d | %.0f | %.0f | %.0f | %.0f | %.2f | %.2f |%n",
                threads,
                skipLocked.clientMicrosPerPair(),
                skipLocked.serverMicrosPerPair(),
                parkade.clientMicrosPerPair(),
                parkade.serverMicrosPerPair(),
                parkade.clientMicrosPerPair() / skipLocked.clientMicrosPerPair(),
                parkade.serverMicrosPerPair() / skipLocked.serverMicrosPerPair()));
      }
    }
    System.out.println();
    System.out.println(
        "| threads | raw SKIP LOCKED: client CPU µs/pair | server CPU µs/pair | parkade: client CPU"
            + " µs/pair | server CPU µs/pair | parkade / raw: client | server |");
    System.out.println("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    System.out.print(cpu);
  }

  static String createDatabase(EmbeddedPostgres pg, String name) throws SQLException {
    try (Connection admin = pg.getPostgresDatabase().getConnection();
        Statement sql = admin.createStatement()) {
      sql.execute("CREATE DATABASE " + name);
      // Writes the dirty pages of the variants before to disk now, not during this one.
      sql.execute("CHECKPOINT");
    }
    return pg.getJdbcUrl("postgres", name);
  }

  /**
   * Drops a variant's database once it is closed: a database left behind kept autovacuum busy with
   * its dead rows during the next variants' slices, a cost that fell on both variants alike and
   * drew later comparisons' ratios towards one.
   */
  static void dropDatabase(EmbeddedPostgres pg, String name) {
    try (Connection admin = pg.getPostgresDatabase().getConnection();
        Statement sql = admin.createStatement()) {
      sql.execute("DROP DATABASE " + name + " WITH (FORCE)");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot drop database " + name, e);
    }
  }

  static HikariDataSource pool(String url, int size) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setUsername("postgres");
    config.setPassword("postgres");
    config.setMaximumPoolSize(size);
    return new HikariDataSource(config);
  }

  /**
   * The raw baseline ({@link RawParking}) in a database of its own, with {@link #SPOTS} free spots:
   * its pair is a start and an end on one pooled connection.
   */
  static Variant raw(EmbeddedPostgres pg, String database, int threads, boolean skipLocked)
      throws SQLException {
    RawParking raw = RawParking.open(pg, database, threads, SPOTS, skipLocked);
    Pair pair =
        (thread, n) -> {
          try (Connection c = raw.connection()) {
            Optional<RawParking.Parked> parked = raw.start(c);
            if (parked.isEmpty()) {
              return false;
            }
            raw.end(c, parked.get());
          }
          return true;
        };
    return new Variant(pair, raw::freeSpots, raw::close);
  }

  /** Parkade's untyped pairs against raw SKIP LOCKED, in alternating slices. */
  private static AlternatingSlices.Runs parkadeAndRawSkipLocked(
      EmbeddedPostgres pg, int threads, Phases phases) throws Exception {
    try (Variant raw = raw(pg, "raw_skip_" + threads, threads, true);
        Variant parkade = unkeyed(pg, "parkade_against_raw_" + threads, threads, false)) {
      return alternating(threads, phases, raw, parkade);
    }
  }

  /** Parkade's untyped pairs against typed ones, in alternating slices. */
  private static AlternatingSlices.Runs typedAndUntyped(
      EmbeddedPostgres pg, int threads, Phases phases) throws Exception {
    try (Variant untyped = unkeyed(pg, "parkade_untyped_" + threads, threads, false);
        Variant typed = unkeyed(pg, "parkade_typed_" + threads, threads, true)) {
      return alternating(threads, phases, untyped, typed);
    }
  }

  static AlternatingSlices.Runs alternating(
      int threads, Phases phases, Variant first, Variant second) throws Exception {
    AlternatingSlices.Runs runs =
        AlternatingSlices.measure(threads, phases, first.pair(), second.pair());
    first.checkAllFree();
    second.checkAllFree();
    return runs;
  }

  /** What answers a variant's count of free spots. */
  interface FreeCount {
    long free() throws SQLException;
  }

  /** Throws unless {@code free} spots of a lot's {@code spots} are all of them. */
  static void requireAllFree(long free, int spots) {
    if (free != spots) {
      throw new IllegalStateException(
          "invariant broken: " + free + " of " + spots + " spots free after the run");
    }
  }

  /**
   * A variant's own database, open, its lot loaded; the pair that its clients run; what counts its
   * free spots, which must be all of them once no client runs; and what closes it.
   */
  record Variant(Pair pair, FreeCount freeCount, Runnable closer) implements AutoCloseable {
    void checkAllFree() throws SQLException {
      requireAllFree(freeCount.free(), SPOTS);
    }

    @Override
    public void close() {
      closer.run();
    }
  }

  /**
   * A new database's storage with a lot of {@link #SPOTS} spots: plain ones, or ({@code typed})
   * those of {@link TypedLots}.
   */
  private static JdbcStorage open(EmbeddedPostgres pg, String database, int threads, boolean typed)
      throws SQLException {
    String url = createDatabase(pg, database);
    JdbcStorage storage =
        JdbcStorage.open(JdbcSettings.of(url, "postgres", "postgres").withPoolSize(threads));
    try {
      int number = 1;
      for (int c = 0; c < TypedLots.CLASSES.length; c++) {
        int count = typed ? TypedLots.spotsOfClass(SPOTS, c) : c == 0 ? SPOTS : 0;
        List<SpotId> spots = new ArrayList<>();
        for (int i = 0; i < count; i++) {
          spots.add(new SpotId(String.format("L%07d", number++)));
        }
        if (!spots.isEmpty()) {
          storage.lot().add(FacilityId.DEFAULT, TypedLots.CLASSES[c], spots);
        }
      }
      return storage;
    } catch (RuntimeException failed) {
      storage.close();
      throw failed;
    }
  }

  /**
   * Parkade's unkeyed pairs: plain spots and drivers needing nothing, or ({@code typed}) the spots
   * and needs of {@link TypedLots}, client thread {@code t} having the needs of driver {@code t}.
   */
  static Variant unkeyed(EmbeddedPostgres pg, String database, int threads, boolean typed)
      throws SQLException {
    JdbcStorage storage = open(pg, database, threads, typed);
    AtomicLong ids = new AtomicLong();
    return variant(
        pg,
        database,
        storage,
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
                        NOW,
                        FacilityId.DEFAULT,
                        typed ? TypedLots.needsOf(thread) : SpotFeatures.NONE));
          } catch (ParkingException refused) {
            return false;
          }
          storage.lot().endActiveSessionOf(user, NOW);
          return true;
        });
  }

  /**
   * Parkade's pairs on {@code storage}, the storage of {@code database}, counting its free spots
   * through Parkade itself.
   */
  private static Variant variant(
      EmbeddedPostgres pg, String database, JdbcStorage storage, Pair pair) {
    return new Variant(
        pair,
        () -> storage.lot().occupancy().free(),
        () -> {
          storage.close();
          dropDatabase(pg, database);
        });
  }

  /**
   * Parkade's untyped pairs with every start and end sent under a key of its own, as a client that
   * always sends {@code Idempotency-Key} does: each pair writes two key rows.
   */
  private static Variant keyed(EmbeddedPostgres pg, String database, int threads)
      throws SQLException {
    JdbcStorage storage = open(pg, database, threads, false);
    IdempotentWrites writes = storage.idempotentWrites(Duration.ofHours(24));
    Fingerprint start = Fingerprint.of("POST", "/api/v1/sessions", new byte[0]);
    Fingerprint end = Fingerprint.of("POST", "/api/v1/sessions/current/end", new byte[0]);
    AtomicLong ids = new AtomicLong();
    return variant(
        pg,
        database,
        storage,
        (thread, n) -> {
          UserId user = new UserId("u" + thread);
          KeyedAnswer started =
              writes.start(
                  new KeyedRequest(user, new IdempotencyKey("s" + n), start, NOW),
                  new NewSession(
                      new SessionId("s" + ids.incrementAndGet()),
                      user,
                      new LicensePlate("P" + thread),
                      NOW));
          if (!(started instanceof KeyedAnswer.Fresh fresh
              && fresh.outcome() instanceof WriteOutcome.Started)) {
            return false;
          }
          writes.endActiveSessionOf(
              new KeyedRequest(user, new IdempotencyKey("e" + n), end, NOW), user);
          return true;
        });
  }

  /** Keyed and unkeyed pairs measured on the same client threads in alternating slices. */
  record KeyedAndUnkeyed(Run keyed, Run unkeyed) {}

  /**
   * Untyped pairs unkeyed and keyed, each in a database of its own named from {@code prefix}, both
   * warmed up and then measured in alternating slices ({@link AlternatingSlices}): on a host whose
   * speed drifts, two variants measured one after the other differ by the drift as much as by
   * themselves.
   */
  static KeyedAndUnkeyed keyedAndUnkeyed(
      EmbeddedPostgres pg, String prefix, int threads, Phases phases) throws Exception {
    try (Variant unkeyed = unkeyed(pg, prefix + "unkeyed_" + threads, threads, false);
        Variant keyed = keyed(pg, prefix + "keyed_" + threads, threads)) {
      AlternatingSlices.Runs runs =
          AlternatingSlices.measure(threads, phases, unkeyed.pair(), keyed.pair());
      unkeyed.checkAllFree();
      keyed.checkAllFree();
      return new KeyedAndUnkeyed(runs.second(), runs.first());
    }
  }

  /** How long each variant is measured, and the longest it is warmed up first. */
  record Phases(int seconds, int maxWarmUpSeconds) {
    /**
     * Whether a warm-up that has lasted {@code warmedUpNanos} is over: once the client's JIT
     * compiler used under 5% of its CPU in the last round and the warm-up lasted a phase, or once
     * it lasted the longest allowed.
     */
    boolean warmAfter(long warmedUpNanos, double lastRoundJitShare) {
      return (lastRoundJitShare < 0.05 && warmedUpNanos >= TimeUnit.SECONDS.toNanos(seconds))
          || warmedUpNanos >= TimeUnit.SECONDS.toNanos(maxWarmUpSeconds);
    }
  }

  /** What one measured run gave: throughput, and CPU time per pair on each side. */
  record Run(double pairsPerSecond, double clientMicrosPerPair, double serverMicrosPerPair) {}

  /**
   * Runs {@code pair} on {@code threads} threads: first unmeasured, in rounds of a second, until
   * the client's JIT compiler used under 5% of its CPU time in a round (at least a phase's length,
   * at most {@link Phases#maxWarmUpSeconds}); then measured for a phase. At one thread a few
   * seconds are a few thousand pairs, too few for the JIT to have compiled JDBI's paths, which the
   * raw baseline does not have: a fixed warm-up measured the compiler, not the adapter.
   */
  private static Run measure(int threads, Phases phases, Pair pair) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    Marks marks = new Marks(phases);
    try {
      CyclicBarrier round = new CyclicBarrier(threads, marks::judgeWarmUpRound);
      CyclicBarrier measured = new CyclicBarrier(threads, marks::startMeasuring);
      CyclicBarrier finished = new CyclicBarrier(threads, marks::stop);
      List<Future<Long>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        done.add(
            pool.submit(
                () -> {
                  try {
                    long n = 0;
                    round.await();
                    while (!marks.warm) {
                      while (System.nanoTime() < marks.roundEnd) {
                        pair.run(thread, n++);
                      }
                      round.await();
                    }
                    measured.await();
                    long pairs = 0;
                    while (System.nanoTime() < marks.end) {
                      if (pair.run(thread, n++)) {
                        pairs++;
                      }
                    }
                    finished.await();
                    return pairs;
                  } catch (Exception | Error failed) {
                    // The others would wait for this thread at a barrier for good.
                    round.reset();
                    measured.reset();
                    finished.reset();
                    throw failed;
                  }
                }));
      }
      long total = 0;
      for (Future<Long> f : done) {
        total += f.get();
      }
      return marks.run(total);
    } finally {
      pool.shutdownNow();
    }
  }

  /** The instants and CPU counters of one run, written by barrier actions, read after them. */
  private static final class Marks {
    private static final long ROUND_NANOS = TimeUnit.SECONDS.toNanos(1);
    private final Phases phases;
    volatile boolean warm;
    volatile long roundEnd;
    volatile long end;
    private long warmUpStart;
    private long roundClientCpu;
    private long roundJitCpu;
    private long start;
    private long stop;
    private long clientCpu;
    private long serverCpu;

    Marks(Phases phases) {
      this.phases = phases;
    }

    /** Ends the warm-up if the round just run had the JIT settled, else starts another round. */
    void judgeWarmUpRound() {
      long now = System.nanoTime();
      long client = clientCpuNanos();
      long jit = jitCpuNanos();
      if (warmUpStart == 0) {
        warmUpStart = now;
      } else {
        double jitShare = (jit - roundJitCpu) / (double) Math.max(1, client - roundClientCpu);
        if (phases.warmAfter(now - warmUpStart, jitShare)) {
          warm = true;
          return;
        }
      }
      roundClientCpu = client;
      roundJitCpu = jit;
      roundEnd = now + ROUND_NANOS;
    }

    void startMeasuring() {
      clientCpu = -clientCpuNanos();
      serverCpu = -serverCpuNanos();
      start = System.nanoTime();
      end = start + TimeUnit.SECONDS.toNanos(phases.seconds());
    }

    void stop() {
      stop = System.nanoTime();
      clientCpu += clientCpuNanos();
      serverCpu += serverCpuNanos();
    }

    Run run(long pairs) {
      return new Run(
          pairs / ((stop - start) / 1e9), clientCpu / 1e3 / pairs, serverCpu / 1e3 / pairs);
    }
  }

  /** CPU time of this process's JIT compiler threads. */
  static long jitCpuNanos() {
    return ProcCpu.ownThreadsNanos("C1 CompilerThre", "C2 CompilerThre");
  }

  /** CPU time of this process, every thread (the client's JIT and GC included). */
  static long clientCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /**
   * CPU time of every PostgreSQL process on this machine (backends, WAL writer, checkpointer); only
   * the embedded server runs here.
   */
  static long serverCpuNanos() {
    return ProcCpu.processesNanos("postgres");
  }
}
