package dev.parkade.benchmarks;

import com.nimbusds.jose.crypto.MACSigner;
import dev.parkade.adapters.jdbc.JdbcSettings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.Closeable;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.support.ClassicRequestBuilder;
import org.apache.hc.core5.util.Timeout;
import org.jspecify.annotations.Nullable;

/**
 * Start and end latency at a fixed arrival rate (open loop), with coordinated omission corrected.
 *
 * <p>For each storage it launches the jar, warms it up with start+end cycles as fast as {@code
 * connections} client threads can send them (closed loop), measures that maximum cycle rate, and
 * then sends cycles at 50% and at 90% of it. In the open-loop phases each connection has a
 * schedule: its cycles are due at a fixed period, its end half a period after its start, and each
 * latency runs from when the request was <em>due</em>, not from when it was sent. A server that
 * stalls therefore shows the stall in every request that should have gone out meanwhile, which a
 * client that waits for each answer before it sends the next one would hide (coordinated omission).
 * The latencies go into HdrHistograms (three significant digits).
 *
 * <p>At each load, the same schedule also sends two health checks in place of each cycle: the
 * baseline, what any request waits for on this machine. On PostgreSQL, at the load its target is
 * set for, it also runs the raw baseline's start and end transactions ({@link RawParking}) from
 * here over JDBC, through a pool the size of the server's: the floor, what the least SQL a start
 * and an end can run waits for at that arrival rate with no HTTP and no Parkade in the way; and the
 * same transactions behind the same web stack in a JVM of its own ({@link RawHttpFloor}): the HTTP
 * floor, what a start and an end that do only that wait for. A load's phases take turns in short
 * slices ({@link #rotate}), so that the baseline, the floors and Parkade meet the same stretches of
 * the machine's noise.
 *
 * <p>{@code java -cp benchmarks.jar dev.parkade.benchmarks.OpenLoopLatency <parkade.jar> <seconds>
 * <connections> <storage>...}, each storage {@code memory} or {@code postgres} (an embedded
 * PostgreSQL started here, the server's own migrations applied by {@code serve}).
 */
public final class OpenLoopLatency {
  private static final double[] LOADS = {0.5, 0.9};
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final long HIGHEST_NANOS = TimeUnit.MINUTES.toNanos(1);
  private static final int DRIVERS_PER_CONNECTION = 16;
  private static final Duration WARM_UP_SLICE = Duration.ofSeconds(2);
  private static final Duration WARM_UP_MAX = Duration.ofSeconds(50);
  private static final double JIT_SETTLED = 0.05;
  private static final int FLOOR_SPOTS = 1_000;
  private static final Duration HTTP_FLOOR_WARM_UP_MAX = Duration.ofSeconds(20);

  /**
   * How many counted turns a load's phases take ({@link #rotate}), after the uncounted one; with
   * {@code -Dopenloop.rounds=1} each phase runs whole, twice: once uncounted, then counted.
   */
  private static final int ROUNDS = rounds();

  private static final String SESSIONS = "/api/v1/sessions";

  /**
   * {@code -Dopenloop.maximum=<cycles/s>} sets the 50% and 90% rates from this maximum instead of
   * the measured one, so that two servers compared in turns meet the same arrival rates.
   */
  private static final Optional<Double> FIXED_MAXIMUM =
      Optional.ofNullable(System.getProperty("openloop.maximum")).map(Double::parseDouble);

  /**
   * {@code -Dopenloop.postgresLog=<file>} writes PostgreSQL's own log there: every statement of 50
   * ms or more, every autovacuum and autoanalyze, every checkpoint and every lock wait of 100 ms or
   * more, each with its time, to find what a stalled turn waited for.
   */
  private static final Optional<String> POSTGRES_LOG =
      Optional.ofNullable(System.getProperty("openloop.postgresLog"));

  private OpenLoopLatency() {}

  private static int rounds() {
    int rounds = Integer.getInteger("openloop.rounds", 5);
    if (rounds < 1) {
      throw new IllegalArgumentException("openloop.rounds must be at least 1, was " + rounds);
    }
    return rounds;
  }

  /** The p99 targets of issue 17, in milliseconds; absent where the issue sets none. */
  private static Optional<Double> p99Target(String storage, double load) {
    if (storage.equals("memory")) {
      return Optional.of(load <= 0.5 ? 2.0 : 10.0);
    }
    return load <= 0.5 ? Optional.of(15.0) : Optional.empty();
  }

  public static void main(String[] args) throws Exception {
    String jar = args.length > 0 ? args[0] : "bootstrap/target/parkade.jar";
    Duration phase = Duration.ofSeconds(args.length > 1 ? Integer.parseInt(args[1]) : 10);
    int connections = args.length > 2 ? Integer.parseInt(args[2]) : 64;
    List<String> storages =
        args.length > 3 ? List.of(args).subList(3, args.length) : List.of("memory");
    byte[] secret = new byte[48];
    new SecureRandom().nextBytes(secret);
    String secretText = Base64.getEncoder().encodeToString(secret);

    System.out.printf(
        Locale.ROOT,
        "| storage | load | cycles/s due | cycles/s done | start p50 | p99 | p99.9 | max"
            + " | end p50 | p99 | p99.9 | max | p99 target | errors |%n");
    System.out.println(
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |"
            + " ---: |");
    long errors = 0;
    List<String> warmUps = new ArrayList<>();
    for (String storage : storages) {
      Measured measured = measure(jar, secretText, storage, phase, connections);
      errors += measured.errors();
      warmUps.add(measured.warmUp());
    }
    System.out.println(
        "latencies in ms, from when each request was due; a start and an end are separate rows'"
            + " columns; every phase "
            + phase.toSeconds()
            + " s, "
            + connections
            + " connections; warmed up: "
            + String.join(", ", warmUps));
    if (errors > 0) {
      System.err.println("OpenLoopLatency: some requests failed; see the errors column");
      System.exit(1);
    }
  }

  /** What one storage's phases left: their failed requests, and how its warm-up went. */
  private record Measured(long errors, String warmUp) {}

  private static Measured measure(
      String jar, String secret, String storage, Duration phase, int connections) throws Exception {
    try (Database database = Database.of(storage, jar);
        HttpLoad.Server server = HttpLoad.Server.start(jar, secret, database.flags())) {
      MACSigner signer = new MACSigner(secret.getBytes(StandardCharsets.UTF_8));
      List<Connection> all = new ArrayList<>();
      for (int c = 0; c < connections; c++) {
        List<HttpLoad.Driver> drivers = new ArrayList<>();
        for (int d = 0; d < DRIVERS_PER_CONNECTION; d++) {
          drivers.add(
              HttpLoad.Driver.of(
                  server.base(),
                  signer,
                  Duration.ofHours(1),
                  "open-" + c + "-" + d,
                  "O" + c + "-D" + d));
        }
        all.add(
            new Connection(
                server.base(),
                drivers,
                database.floor(),
                database.httpFloor().map(HttpLoad.Server::base)));
      }
      ExecutorService threads = HttpLoad.clientThreads(connections, "open-loop-");
      try {
        // The floors warm up first, so that what their load leaves in the database is worked off
        // during Parkade's own warm-up, not during the closed loop that sets the rates.
        long errors = 0;
        if (database.floor().isPresent()) {
          // The floor's first phase would otherwise meet this process's JDBC code uncompiled.
          errors += run(all, threads, WARM_UP_SLICE.multipliedBy(2), 0, Requests.RAW_SQL).errors();
        }
        Optional<String> floorWarmUp = Optional.empty();
        if (database.httpFloor().isPresent()) {
          Measured floorWarm =
              warmUp(
                  storage + "'s HTTP floor",
                  database.httpFloor().get(),
                  Requests.HTTP_FLOOR,
                  all,
                  threads,
                  phase,
                  HTTP_FLOOR_WARM_UP_MAX);
          errors += floorWarm.errors();
          floorWarmUp = Optional.of(floorWarm.warmUp());
        }
        Measured warm = warmUp(storage, server, Requests.CYCLES, all, threads, phase, WARM_UP_MAX);
        errors += warm.errors();
        Phase closed = run(all, threads, phase, 0, Requests.CYCLES);
        errors += closed.errors();
        double measured = closed.cyclesPerSecond();
        double max = FIXED_MAXIMUM.orElse(measured);
        System.err.printf(
            Locale.ROOT, "%s: at most %,.0f cycles/s (closed loop)%n", storage, measured);
        System.out.printf(
            Locale.ROOT,
            "| %s | closed loop, the maximum%s | | %,.0f | %s | %s | | |%n",
            storage,
            FIXED_MAXIMUM.isPresent()
                ? String.format(Locale.ROOT, " (rates below set from %,.0f instead)", max)
                : "",
            measured,
            closed.start().columns(),
            closed.end().columns());
        for (double load : LOADS) {
          // Only where the issue sets a target: the full run's twenty minutes have no room for
          // more.
          boolean floors = database.floor().isPresent() && p99Target(storage, load).isPresent();
          List<Requests> kinds =
              floors
                  ? List.of(Requests.HEALTH, Requests.RAW_SQL, Requests.HTTP_FLOOR, Requests.CYCLES)
                  : List.of(Requests.HEALTH, Requests.CYCLES);
          Map<Requests, Phase> phases = rotate(all, threads, phase, load * max, kinds);
          Phase baseline = Objects.requireNonNull(phases.get(Requests.HEALTH));
          errors += baseline.errors();
          System.out.printf(
              Locale.ROOT,
              "| %s | %.0f%%, GET /health/live in place of start and end: the baseline | %,.0f |"
                  + " %,.0f | %s | %s | | %d |%n",
              storage,
              100 * load,
              load * max,
              baseline.cyclesPerSecond(),
              baseline.start().columns(),
              baseline.end().columns(),
              baseline.errors());
          if (floors) {
            errors += floorRows(storage, load, max, phases, database);
          }
          Phase open = Objects.requireNonNull(phases.get(Requests.CYCLES));
          errors += open.errors();
          Optional<Double> target = p99Target(storage, load);
          double worstP99 = Math.max(open.start().p99Millis(), open.end().p99Millis());
          System.out.printf(
              Locale.ROOT,
              "| %s | %.0f%% | %,.0f | %,.0f | %s | %s | %s | %d |%n",
              storage,
              100 * load,
              load * max,
              open.cyclesPerSecond(),
              open.start().columns(),
              open.end().columns(),
              target
                  .map(
                      t ->
                          String.format(
                              Locale.ROOT, "**< %.0f ms: %s**", t, worstP99 < t ? "met" : "missed"))
                  .orElse(""),
              open.errors());
        }
        return new Measured(
            errors,
            floorWarmUp.map(floorWarm -> warm.warmUp() + ", " + floorWarm).orElse(warm.warmUp()));
      } finally {
        threads.shutdownNow();
        for (Connection c : all) {
          c.close();
        }
      }
    }
  }

  /**
   * {@code requests} as fast as they go, in slices of {@link #WARM_UP_SLICE}, for at least {@code
   * phase} and then until a slice in which {@code server}'s JIT compiler used less than {@link
   * #JIT_SETTLED} of its CPU, or for at most {@code longest}: a maximum measured while the server
   * is still compiling its code would set the open-loop rates too low. Answers the errors seen
   * meanwhile, and how long it took and what the JIT compiler used last.
   */
  private static Measured warmUp(
      String storage,
      HttpLoad.Server server,
      Requests requests,
      List<Connection> all,
      ExecutorService threads,
      Duration phase,
      Duration longest)
      throws Exception {
    long errors = 0;
    Duration spent = Duration.ZERO;
    while (true) {
      Map<String, Long> before = HttpLoad.cpu(server);
      errors += run(all, threads, WARM_UP_SLICE, 0, requests).errors();
      Map<String, Long> after = HttpLoad.cpu(server);
      spent = spent.plus(WARM_UP_SLICE);
      double jit = share(before, after);
      System.err.printf(
          Locale.ROOT,
          "%s: warming up, %d s: the server's JIT compiler used %.0f%% of its CPU%n",
          storage,
          spent.toSeconds(),
          100 * jit);
      if ((spent.compareTo(phase) >= 0 && !(jit >= JIT_SETTLED)) || spent.compareTo(longest) >= 0) {
        return new Measured(
            errors,
            String.format(
                Locale.ROOT,
                "%s %d s (the server's JIT compiler's share of its CPU in the last %d s: %.0f%%)",
                storage,
                spent.toSeconds(),
                WARM_UP_SLICE.toSeconds(),
                100 * jit));
      }
    }
  }

  /** The JIT compiler's share of the server's CPU between two readings; NaN without /proc. */
  private static double share(Map<String, Long> before, Map<String, Long> after) {
    String jit = "server: JIT compiler";
    String total = "server: total";
    long all = after.getOrDefault(total, 0L) - before.getOrDefault(total, 0L);
    long compiling = after.getOrDefault(jit, 0L) - before.getOrDefault(jit, 0L);
    return all <= 0 ? Double.NaN : compiling / (double) all;
  }

  /**
   * The two floors' rows at {@code load} of Parkade's maximum, from their phases; checks that every
   * raw spot is free again afterwards. Answers their errors.
   */
  private static long floorRows(
      String storage, double load, double max, Map<Requests, Phase> phases, Database database)
      throws SQLException {
    RawParking floor = database.floor().orElseThrow();
    long errors = 0;
    for (Requests kind : List.of(Requests.RAW_SQL, Requests.HTTP_FLOOR)) {
      Phase raw = Objects.requireNonNull(phases.get(kind));
      System.out.printf(
          Locale.ROOT,
          "| %s | %.0f%%, %s in place of start and end: the %s | %,.0f | %,.0f | %s | %s | | %d |%n",
          storage,
          100 * load,
          kind == Requests.RAW_SQL
              ? "raw SKIP LOCKED over JDBC (" + floor.poolSize() + " pooled connections)"
              : "the same behind Javalin in a JVM of its own, no token, JSON or log",
          kind == Requests.RAW_SQL ? "floor" : "HTTP floor",
          load * max,
          raw.cyclesPerSecond(),
          raw.start().columns(),
          raw.end().columns(),
          raw.errors());
      errors += raw.errors();
    }
    database.checkAllFree();
    return errors;
  }

  /**
   * Each kind of {@code requests} for {@code duration} in all at {@code rate}, in {@link #ROUNDS}
   * turns of equal slices, so that every kind meets the same stretches of a noisy machine: a p99
   * over a few seconds turns on a few stalls, and phases run one after the other met different
   * ones. A first turn before them is not counted, but for its failed requests: it follows the
   * closed-loop maximum or another rate, and its tails were long, Parkade's and the HTTP floor's
   * alike (BENCHMARKS.md, section 19). Answers each kind's phase, its slices merged, and prints
   * each slice's p99 on standard error.
   */
  private static Map<Requests, Phase> rotate(
      List<Connection> all,
      ExecutorService threads,
      Duration duration,
      double rate,
      List<Requests> requests)
      throws Exception {
    Map<Requests, Phase> phases = new EnumMap<>(Requests.class);
    Duration slice = duration.dividedBy(ROUNDS);
    for (int round = 0; round <= ROUNDS; round++) {
      for (Requests kind : requests) {
        Phase part = run(all, threads, slice, rate, kind);
        System.err.printf(
            Locale.ROOT,
            "  %.0f cycles/s, %s, turn %d%s: p99 %.2f / %.2f ms, max %.2f / %.2f%n",
            rate,
            kind,
            round,
            round == 0 ? " (not counted)" : "",
            part.start().p99Millis(),
            part.end().p99Millis(),
            part.start().histogram.getMaxValue() / 1e6,
            part.end().histogram.getMaxValue() / 1e6);
        // The uncounted turn's failures still count.
        phases.merge(kind, round > 0 ? part : part.errorsOnly(), Phase::plus);
      }
    }
    return phases;
  }

  /** What each request of a phase's cycles is. */
  private enum Requests {
    /** Parkade's start and end. */
    CYCLES,
    /** A health check in place of each: what any request waits for on this machine. */
    HEALTH,
    /** The raw baseline's transactions in place of each, sent from here over JDBC. */
    RAW_SQL,
    /** The same transactions over HTTP, each a request to {@link RawHttpFloor}. */
    HTTP_FLOOR
  }

  /**
   * Every connection's cycles of {@code requests} for {@code duration}: as fast as they go when
   * {@code rate} is 0, else {@code rate} cycles per second in all, spread evenly over the
   * connections and in time.
   */
  private static Phase run(
      List<Connection> all,
      ExecutorService threads,
      Duration duration,
      double rate,
      Requests requests)
      throws Exception {
    long t0 = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
    long end = t0 + duration.toNanos();
    long period = rate > 0 ? (long) (1e9 * all.size() / rate) : 0;
    List<Future<?>> done = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      Connection connection = all.get(i);
      connection.reset();
      long first = t0 + period * i / all.size();
      done.add(
          threads.submit(
              () -> {
                connection.cycles(first, end, period, requests);
                return null;
              }));
    }
    for (Future<?> f : done) {
      f.get();
    }
    // Paced, the rate done is over the schedule's span: the last cycles' answers come after it,
    // and with short slices that tail would read as cycles not done.
    long elapsed = rate > 0 ? duration.toNanos() : Math.max(1, System.nanoTime() - t0);
    Latency start = new Latency();
    Latency ended = new Latency();
    long cycles = 0;
    long errors = 0;
    for (Connection c : all) {
      start.histogram.add(c.start);
      ended.histogram.add(c.end);
      cycles += c.cycles;
      errors += c.errors;
      c.firstError().ifPresent(e -> System.err.println("  first error: " + e));
    }
    return new Phase(cycles, elapsed, start, ended, errors);
  }

  /** What one phase measured, in {@code nanos}. */
  private record Phase(long cycles, long nanos, Latency start, Latency end, long errors) {
    double cyclesPerSecond() {
      return cycles / (nanos / 1e9);
    }

    /** Only this phase's failed requests: no cycles, no time, no latencies. */
    Phase errorsOnly() {
      return new Phase(0, 0, new Latency(), new Latency(), errors);
    }

    /** This phase and {@code later} as one. */
    Phase plus(Phase later) {
      return new Phase(
          cycles + later.cycles,
          nanos + later.nanos,
          start.plus(later.start),
          end.plus(later.end),
          errors + later.errors);
    }
  }

  /** One kind of request's latencies. */
  private static final class Latency {
    final Histogram histogram = new Histogram(HIGHEST_NANOS, 3);

    double p99Millis() {
      return histogram.getValueAtPercentile(99) / 1e6;
    }

    /** These latencies and {@code other}'s. */
    Latency plus(Latency other) {
      Latency both = new Latency();
      both.histogram.add(histogram);
      both.histogram.add(other.histogram);
      return both;
    }

    /** p50, p99, p99.9 and max in ms, as table cells. */
    String columns() {
      return String.format(
          Locale.ROOT,
          "%.2f | %.2f | %.2f | %.2f",
          histogram.getValueAtPercentile(50) / 1e6,
          histogram.getValueAtPercentile(99) / 1e6,
          histogram.getValueAtPercentile(99.9) / 1e6,
          histogram.getMaxValue() / 1e6);
    }
  }

  /** What a request answered: its status, its Location header if any, and its body. */
  private record Answer(int status, Optional<String> location, String body) {}

  /**
   * A blocking HTTP/1.1 client of one connection (Apache HttpClient's classic API): the client
   * thread writes its request and reads the answer on its own socket. The JDK's client, which this
   * harness used before, reads every answer on one selector thread and hands it to the waiting
   * thread: on two cores it could not send more than about half the cycles the server answers, so
   * the maximum it measured, and the rates set from it, were the client's, not the server's.
   */
  private static final class BlockingClient implements AutoCloseable {
    private final CloseableHttpClient client;

    BlockingClient() {
      ConnectionConfig connection =
          ConnectionConfig.custom()
              .setConnectTimeout(Timeout.ofSeconds(10))
              .setSocketTimeout(Timeout.of(TIMEOUT))
              .build();
      this.client =
          HttpClients.custom()
              .setConnectionManager(
                  PoolingHttpClientConnectionManagerBuilder.create()
                      .setMaxConnTotal(1)
                      .setMaxConnPerRoute(1)
                      .setDefaultConnectionConfig(connection)
                      .build())
              .disableAutomaticRetries()
              .build();
    }

    @Override
    public void close() throws IOException {
      client.close();
    }

    Answer send(String method, URI uri, @Nullable String authorization, @Nullable String json)
        throws IOException {
      ClassicRequestBuilder request = ClassicRequestBuilder.create(method).setUri(uri);
      if (authorization != null) {
        request.setHeader("Authorization", authorization);
      }
      if (json != null) {
        request.setEntity(json, ContentType.APPLICATION_JSON);
      }
      return client.execute(
          request.build(),
          response -> {
            Header location = response.getFirstHeader("Location");
            return new Answer(
                response.getCode(),
                Optional.ofNullable(location).map(Header::getValue),
                response.getEntity() == null ? "" : EntityUtils.toString(response.getEntity()));
          });
    }
  }

  /**
   * One client thread and its drivers, whose starts and ends alternate on its connection to the
   * server; the HTTP floor's requests go over a second connection, kept open as the first is, so
   * that no phase pays for connecting when the phases take turns.
   */
  private static final class Connection {
    private final Target parkade;
    private final List<HttpLoad.Driver> drivers;
    private final Optional<RawParking> floor;
    private final Optional<Target> httpFloor;
    private final URI health;
    final Histogram start = new Histogram(HIGHEST_NANOS, 3);
    final Histogram end = new Histogram(HIGHEST_NANOS, 3);
    long cycles;
    long errors;
    private @Nullable String firstError;
    private int next;

    Connection(
        URI base,
        List<HttpLoad.Driver> drivers,
        Optional<RawParking> floor,
        Optional<URI> httpFloor) {
      this.parkade = Target.of(base);
      this.drivers = drivers;
      this.floor = floor;
      this.httpFloor = httpFloor.map(Target::of);
      this.health = base.resolve("/health/live");
    }

    /**
     * A server that starts and ends sessions, its base and sessions URIs and its own connection.
     */
    private record Target(BlockingClient client, URI base, URI sessions) {
      static Target of(URI base) {
        return new Target(new BlockingClient(), base, base.resolve(SESSIONS));
      }
    }

    void reset() {
      start.reset();
      end.reset();
      cycles = 0;
      errors = 0;
      firstError = null;
    }

    Optional<String> firstError() {
      return Optional.ofNullable(firstError);
    }

    void close() throws IOException {
      parkade.client().close();
      if (httpFloor.isPresent()) {
        httpFloor.get().client().close();
      }
    }

    /**
     * Cycles from {@code first} until {@code until}, one per {@code period}, the end due half a
     * period after the start; with a period of 0, each request is due when it is sent.
     */
    void cycles(long first, long until, long period, Requests requests)
        throws InterruptedException {
      long due = first;
      while (due < until && System.nanoTime() < until) {
        boolean done =
            switch (requests) {
              case CYCLES -> cycle(parkade, due, period);
              case HEALTH -> healthChecks(due, period);
              case RAW_SQL -> rawCycle(due, period);
              case HTTP_FLOOR -> cycle(httpFloor.orElseThrow(), due, period);
            };
        if (done) {
          cycles++;
        }
        due = period > 0 ? due + period : System.nanoTime();
      }
    }

    /** Two health checks where a cycle would send its start and its end: the baseline. */
    private boolean healthChecks(long due, long period) throws InterruptedException {
      Optional<Answer> first =
          send(parkade.client(), "GET", health, null, null, awaitDue(due, period), start);
      if (first.isEmpty() || !expect(first.get(), 200, "health")) {
        return false;
      }
      Optional<Answer> second =
          send(
              parkade.client(), "GET", health, null, null, awaitDue(due + period / 2, period), end);
      return second.isPresent() && expect(second.get(), 200, "health");
    }

    /** The raw baseline's start and end where a cycle would send Parkade's: the floor. */
    private boolean rawCycle(long due, long period) throws InterruptedException {
      RawParking raw = floor.orElseThrow();
      long startDue = awaitDue(due, period);
      Optional<RawParking.Parked> parked;
      try (java.sql.Connection c = raw.connection()) {
        parked = raw.start(c);
      } catch (SQLException e) {
        return error("raw start failed: " + e);
      }
      start.recordValue(Math.min(HIGHEST_NANOS, System.nanoTime() - startDue));
      if (parked.isEmpty()) {
        return error("raw start found no free spot");
      }
      long endDue = awaitDue(due + period / 2, period);
      try (java.sql.Connection c = raw.connection()) {
        raw.end(c, parked.get());
      } catch (SQLException e) {
        return error("raw end failed: " + e);
      }
      end.recordValue(Math.min(HIGHEST_NANOS, System.nanoTime() - endDue));
      return true;
    }

    /** A start and its end sent to {@code server}: Parkade, or the HTTP floor. */
    private boolean cycle(Target server, long due, long period) throws InterruptedException {
      HttpLoad.Driver driver = drivers.get(next);
      next = (next + 1) % drivers.size();
      long startDue = awaitDue(due, period);
      Optional<Answer> started =
          send(
              server.client(),
              "POST",
              server.sessions(),
              driver.authorization(),
              driver.startJson(),
              startDue,
              start);
      if (started.isEmpty() || !expect(started.get(), 201, "start")) {
        return false;
      }
      Optional<String> location = started.get().location();
      if (location.isEmpty()) {
        return error("start answered 201 without a Location header");
      }
      URI endUri = server.base().resolve(location.get() + "/end");
      long endDue = awaitDue(due + period / 2, period);
      Optional<Answer> ended =
          send(server.client(), "POST", endUri, driver.authorization(), null, endDue, end);
      return ended.isPresent() && expect(ended.get(), 200, "end");
    }

    /** Waits until {@code due} when paced, and answers when the request counts as sent. */
    private static long awaitDue(long due, long period) throws InterruptedException {
      if (period == 0) {
        return System.nanoTime();
      }
      for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
        LockSupport.parkNanos(wait);
        if (Thread.interrupted()) {
          throw new InterruptedException();
        }
      }
      return due;
    }

    private Optional<Answer> send(
        BlockingClient client,
        String method,
        URI uri,
        @Nullable String authorization,
        @Nullable String json,
        long due,
        Histogram into)
        throws InterruptedException {
      try {
        Answer answer = client.send(method, uri, authorization, json);
        into.recordValue(Math.min(HIGHEST_NANOS, System.nanoTime() - due));
        return Optional.of(answer);
      } catch (IOException e) {
        error(method + " " + uri.getPath() + " failed: " + e);
        return Optional.empty();
      }
    }

    private boolean expect(Answer answer, int status, String what) {
      return answer.status() == status
          || error(what + " answered " + answer.status() + ": " + answer.body());
    }

    private boolean error(String what) {
      errors++;
      if (firstError == null) {
        firstError = what;
      }
      return false;
    }
  }

  /**
   * Where the server keeps its lot: nothing to start for memory; an embedded PostgreSQL else, with
   * the raw floor in a database of its own beside the server's, and the HTTP floor ({@link
   * RawHttpFloor}) in a third, served by a process of its own.
   */
  private static final class Database implements AutoCloseable {
    private final List<Closeable> opened;
    private final Optional<RawParking> floor;
    private final Optional<RawParking> httpFloorLot;
    private final Optional<HttpLoad.Server> httpFloor;
    private final List<String> flags;

    private Database(
        List<Closeable> opened,
        Optional<RawParking> floor,
        Optional<RawParking> httpFloorLot,
        Optional<HttpLoad.Server> httpFloor,
        List<String> flags) {
      this.opened = opened;
      this.floor = floor;
      this.httpFloorLot = httpFloorLot;
      this.httpFloor = httpFloor;
      this.flags = flags;
    }

    static Database of(String storage, String jar) throws Exception {
      return switch (storage) {
        case "memory" ->
            new Database(
                List.of(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                List.of("--storage", "memory"));
        case "postgres" -> postgres(jar);
        default ->
            throw new IllegalArgumentException("storage must be memory or postgres: " + storage);
      };
    }

    private static Database postgres(String jar) throws Exception {
      EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
      POSTGRES_LOG.ifPresent(
          file ->
              builder
                  .setServerConfig("log_min_duration_statement", "50")
                  .setServerConfig("log_autovacuum_min_duration", "0")
                  .setServerConfig("log_checkpoints", "on")
                  .setServerConfig("log_lock_waits", "on")
                  .setServerConfig("deadlock_timeout", "100ms")
                  // pg_ctl starts the server with its standard error on its standard output
                  .setOutputRedirector(ProcessBuilder.Redirect.appendTo(new File(file))));
      EmbeddedPostgres pg = builder.start();
      List<Closeable> opened = new ArrayList<>(List.of(pg));
      try {
        int poolSize = JdbcSettings.DEFAULT_POOL_SIZE;
        RawParking floor = RawParking.open(pg, "raw_open_loop", poolSize, FLOOR_SPOTS, true);
        opened.add(0, floor::close);
        RawParking httpFloorLot = RawParking.open(pg, "raw_http_floor", 1, FLOOR_SPOTS, true);
        opened.add(0, httpFloorLot::close);
        HttpLoad.Server httpFloor =
            RawHttpFloor.launch(jar, pg.getJdbcUrl("postgres", "raw_http_floor"), poolSize);
        opened.add(0, httpFloor::close);
        return new Database(
            opened,
            Optional.of(floor),
            Optional.of(httpFloorLot),
            Optional.of(httpFloor),
            List.of("--storage", "postgres", "--jdbc-url", pg.getJdbcUrl("postgres", "postgres")));
      } catch (Exception failed) {
        try {
          closeAll(opened);
        } catch (IOException | RuntimeException alsoFailed) {
          failed.addSuppressed(alsoFailed);
        }
        throw failed;
      }
    }

    List<String> flags() {
      return flags;
    }

    Optional<RawParking> floor() {
      return floor;
    }

    Optional<HttpLoad.Server> httpFloor() {
      return httpFloor;
    }

    /** Throws unless every spot of both floors' lots is free, as once no client runs. */
    void checkAllFree() throws SQLException {
      for (RawParking lot :
          List.of(floor, httpFloorLot).stream().flatMap(Optional::stream).toList()) {
        lot.checkAllFree();
      }
    }

    /** The HTTP floor's server first, then the floors' databases, then PostgreSQL. */
    @Override
    public void close() throws IOException {
      closeAll(opened);
    }

    /** Closes every one of {@code opened}, whatever the ones before it threw. */
    private static void closeAll(List<Closeable> opened) throws IOException {
      Exception first = null;
      for (Closeable each : opened) {
        try {
          each.close();
        } catch (IOException | RuntimeException e) {
          if (first == null) {
            first = e;
          } else {
            first.addSuppressed(e);
          }
        }
      }
      if (first instanceof IOException io) {
        throw io;
      }
      if (first instanceof RuntimeException unchecked) {
        throw unchecked;
      }
    }
  }
}
