package dev.parkade.benchmarks;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Start+end cycles per second over HTTP against {@code GET /health/live} on the same server, with
 * the same client, in the same run.
 *
 * <p>Launches {@code parkade.jar serve --storage memory} as a separate process, with the JVM
 * options {@code ./parkade} passes ({@link LauncherOptions}), mints HS256 tokens for {@value
 * #USERS_PER_CONNECTION} drivers per connection with the secret it gave the server, then runs
 * {@code connections} threads each sending synchronous HTTP/1.1 requests through one {@link
 * HttpClient} (so as many connections are open): {@code GET /health/live} (the baseline), and start
 * ({@code POST /api/v1/sessions}) and end ({@code POST /api/v1/sessions/{id}/end}, the id from the
 * {@code Location} header) cycles, each thread cycling its own drivers. Both are warmed up in turn
 * (see {@link #warmUp}), then measured in the order health, cycles, cycles, health, half the time
 * each, so that a machine getting busier or quieter during the run weighs on both alike. Every
 * latency is kept (per thread, in nanoseconds) and sorted at the end, so the percentiles are exact.
 * On Linux the CPU time of both processes is broken down by thread group, to show where the time
 * goes. Arguments: the jar, seconds per phase (10), connections (64).
 */
public final class HttpLoad {
  /** A server log line at WARN or ERROR: the level follows the time. */
  private static final Pattern WARNING_LINE = Pattern.compile("^\\S+\\s+(WARN|ERROR)\\s");

  private static final Pattern READY_LINE =
      Pattern.compile("Parkade ready at (http://\\S+) \\(storage (\\S+)\\)");
  private static final Pattern OCCUPIED = Pattern.compile("\"occupied\"\\s*:\\s*(\\d+)");
  private static final int USERS_PER_CONNECTION = 16;
  private static final int SPOTS = 10_000;
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final Duration WARM_UP_SLICE = Duration.ofSeconds(2);
  private static final double JIT_SETTLED = 0.05;
  private static final int WARM_UP_ROUNDS_MAX = 4;

  /**
   * Requests that got no response at all (the connection closed first), over the whole run: not
   * errors of the API, whose answers are all checked, but shown with the errors.
   */
  private static final FirstFew NO_RESPONSE = new FirstFew();

  private HttpLoad() {}

  /** A count of things seen, and the first few. */
  private static final class FirstFew {
    private final AtomicLong count = new AtomicLong();
    private final List<String> first = new CopyOnWriteArrayList<>();

    void record(String what) {
      if (count.incrementAndGet() <= 3) {
        first.add(what);
      }
    }

    void print(String what) {
      System.out.printf(Locale.ROOT, "%s: %d%n", what, count.get());
      first.forEach(line -> System.out.println("  first: " + line));
    }
  }

  /** What a request was, for its latencies. */
  private enum Kind {
    HEALTH,
    START,
    END
  }

  /** One unit of a phase for one thread; answers whether it completed without error. */
  private interface Step {
    boolean run(Worker worker) throws InterruptedException;
  }

  public static void main(String[] args) throws Exception {
    String jar = args.length > 0 ? args[0] : "bootstrap/target/parkade.jar";
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    int connections = args.length > 2 ? Integer.parseInt(args[2]) : 64;
    int subscribers = args.length > 3 ? Integer.parseInt(args[3]) : 0;
    byte[] secret = new byte[48];
    new SecureRandom().nextBytes(secret);
    String secretText = Base64.getEncoder().encodeToString(secret);
    Duration phase = Duration.ofSeconds(seconds);
    Duration half = phase.dividedBy(2);

    boolean failed;
    try (Server server = Server.start(jar, secretText)) {
      HttpClient client = newClient();
      URI base = server.base();
      HttpRequest health =
          HttpRequest.newBuilder(base.resolve("/health/live")).timeout(TIMEOUT).GET().build();
      MACSigner signer = new MACSigner(secretText.getBytes(StandardCharsets.UTF_8));
      // valid for longer than the longest warm-up and measurement
      Duration ttl = Duration.ofHours(1).plus(phase.multipliedBy(2L * WARM_UP_ROUNDS_MAX + 2));
      List<Worker> workers = new ArrayList<>();
      for (int w = 0; w < connections; w++) {
        List<Driver> drivers = new ArrayList<>();
        for (int u = 0; u < USERS_PER_CONNECTION; u++) {
          drivers.add(Driver.of(base, signer, ttl, "load-" + w + "-" + u, "W" + w + "-U" + u));
        }
        workers.add(new Worker(client, base, health, drivers));
      }
      Step healthStep = HttpLoad::health;
      Step cycleStep = HttpLoad::cycle;
      ExecutorService threads = clientThreads(connections, "load-");
      Load load = new Load(workers, threads, server);

      long warmUpErrors = warmUp(load, phase, healthStep, cycleStep);
      System.err.printf(
          Locale.ROOT,
          "measuring: health, cycles, cycles, health, %.1f s each%n",
          half.toMillis() / 1e3);
      Result healthRun = load.run(half, healthStep);
      Result cycleRun = load.run(half, cycleStep);
      cycleRun = cycleRun.plus(load.run(half, cycleStep));
      healthRun = healthRun.plus(load.run(half, healthStep));
      Optional<Result[]> withSubscribers =
          subscribers > 0
              ? Optional.of(withSubscribers(load, base, half, cycleStep, subscribers))
              : Optional.empty();
      threads.shutdown();
      int occupied = occupied(client, base);

      print(connections, healthRun, cycleRun);
      withSubscribers.ifPresent(runs -> printSubscribers(subscribers, runs[0], runs[1]));
      System.out.printf(
          Locale.ROOT,
          "errors: %d in the warm-up, %d in the health phase, %d in the cycle phase; occupied spots"
              + " after the run: %d; server log lines drained: %,d%n",
          warmUpErrors,
          healthRun.errors,
          cycleRun.errors,
          occupied,
          server.linesDrained());
      Stream.concat(healthRun.firstErrors.stream(), cycleRun.firstErrors.stream())
          .forEach(e -> System.out.println("  first error: " + e));
      NO_RESPONSE.print(
          "requests without any response (the connection closed first; the driver's session, if"
              + " any, then ended)");
      server.printWarnings();
      long subscriberErrors =
          withSubscribers.map(runs -> runs[0].errors + runs[1].errors).orElse(0L);
      failed =
          warmUpErrors + healthRun.errors + cycleRun.errors + subscriberErrors > 0 || occupied != 0;
    }
    if (failed) {
      System.err.println("HttpLoad: errors or sessions left active; see above");
      System.exit(1);
    }
  }

  /**
   * Health requests and cycles alternately, {@link #WARM_UP_SLICE} each, for at least {@code phase}
   * of each and then until a round in which the server's JIT compiler used less than {@link
   * #JIT_SETTLED} of its CPU, or for at most {@link #WARM_UP_ROUNDS_MAX} times {@code phase}: the
   * cycles run more code than the health check, and measuring them while it is still being compiled
   * would be unfair to them. Answers the errors seen meanwhile.
   */
  private static long warmUp(Load load, Duration phase, Step healthStep, Step cycleStep)
      throws Exception {
    System.err.printf(
        Locale.ROOT,
        "warming up: health requests and cycles, %d s each in turn, at least %d s of each%n",
        WARM_UP_SLICE.toSeconds(),
        phase.toSeconds());
    long errors = 0;
    Duration each = Duration.ZERO;
    while (true) {
      Result round = load.run(WARM_UP_SLICE, healthStep).plus(load.run(WARM_UP_SLICE, cycleStep));
      errors += round.errors;
      each = each.plus(WARM_UP_SLICE);
      double jit = round.serverJitShare();
      System.err.printf(
          Locale.ROOT,
          "  after %d s of each: the server's JIT compiler used %.0f%% of its CPU in the last round%n",
          each.toSeconds(),
          100 * jit);
      if (each.compareTo(phase) >= 0 && !(jit >= JIT_SETTLED)) {
        return errors;
      }
      if (each.compareTo(phase.multipliedBy(WARM_UP_ROUNDS_MAX)) >= 0) {
        System.err.println("  the JIT compiler has not settled; measuring anyway");
        return errors;
      }
    }
  }

  /**
   * The HTTP/1.1 client both harnesses use. It closes a connection idle for 20 s, before the
   * server's idle timeout is likely to: a POST sent on a connection the server is closing fails
   * ("header parser received no bytes"), and the JDK's client does not resend a POST.
   */
  static HttpClient newClient() {
    // read once, when the JDK's connection pool is first loaded
    System.setProperty("jdk.httpclient.keepalive.timeout", "20");
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10))
        .build();
  }

  /**
   * A fixed pool of {@code count} client threads named {@code prefix} and a number; daemons, so
   * that a failed run still ends.
   */
  static ExecutorService clientThreads(int count, String prefix) {
    AtomicInteger names = new AtomicInteger();
    return Executors.newFixedThreadPool(
        count,
        r -> {
          Thread t = new Thread(r, prefix + names.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
  }

  // ---------------------------------------------------------------- the report

  private static void print(int connections, Result healthRun, Result cycleRun) {
    double healthRate = healthRun.rate();
    double cycleRate = cycleRun.rate();
    System.out.printf(
        Locale.ROOT,
        "| what (%d connections, memory storage, %d drivers) | per second | p50 ms | p99 ms |%n",
        connections,
        connections * USERS_PER_CONNECTION);
    System.out.println("| --- | ---: | ---: | ---: |");
    row("GET /health/live requests, the baseline", healthRate, healthRun.latencies(Kind.HEALTH));
    System.out.printf(Locale.ROOT, "| start+end cycles | %,.0f | | |%n", cycleRate);
    row("POST /api/v1/sessions (start) requests", cycleRate, cycleRun.latencies(Kind.START));
    row("POST /api/v1/sessions/{id}/end requests", cycleRate, cycleRun.latencies(Kind.END));
    row(
        "start and end requests together",
        2 * cycleRate,
        sorted(cycleRun.latencies(Kind.START), cycleRun.latencies(Kind.END)));
    System.out.printf(
        Locale.ROOT,
        "| **cycles per second / health requests per second** (target at least 0.5) | **%.2f** |"
            + " | |%n",
        cycleRate / healthRate);
    System.out.printf(
        Locale.ROOT,
        "| start+end requests per second / health requests per second | %.2f | | |%n",
        2 * cycleRate / healthRate);

    if (healthRun.cpu.isEmpty()
        || cycleRun.cpu.isEmpty()
        || healthRun.completed == 0
        || cycleRun.completed == 0) {
      return;
    }
    System.out.println();
    System.out.println("| CPU time, µs | per health request | per start+end cycle | ratio |");
    System.out.println("| --- | ---: | ---: | ---: |");
    for (String group : healthRun.cpu.keySet()) {
      double perRequest = healthRun.cpu.get(group) / 1e3 / healthRun.completed;
      double perCycle = cycleRun.cpu.getOrDefault(group, 0L) / 1e3 / cycleRun.completed;
      System.out.printf(
          Locale.ROOT,
          "| %s | %.0f | %.0f | %s |%n",
          group,
          perRequest,
          perCycle,
          perRequest >= 1 ? String.format(Locale.ROOT, "%.1f", perCycle / perRequest) : "");
    }
  }

  /**
   * Cycles without and with {@code count} idle event streams open, in the order without, with,
   * with, without, so that a drift of the machine falls on both alike.
   */
  private static Result[] withSubscribers(
      Load load, URI base, Duration half, Step cycleStep, int count) throws Exception {
    System.err.printf(Locale.ROOT, "measuring cycles without and with %d event streams%n", count);
    Result without = load.run(half, cycleStep);
    Result with;
    try (IdleSubscribers streams = new IdleSubscribers(base, count)) {
      with = load.run(half, cycleStep);
      with = with.plus(load.run(half, cycleStep));
      System.err.printf(
          Locale.ROOT,
          "event streams: %d still open, %,d bytes received%n",
          streams.open(),
          streams.bytes());
    }
    without = without.plus(load.run(half, cycleStep));
    return new Result[] {without, with};
  }

  private static void printSubscribers(int count, Result without, Result with) {
    System.out.println();
    System.out.printf(
        Locale.ROOT, "| start+end cycles per second | without event streams | with %,d |%n", count);
    System.out.println("| --- | ---: | ---: |");
    System.out.printf(Locale.ROOT, "| cycles | %,.0f | %,.0f |%n", without.rate(), with.rate());
    System.out.printf(
        Locale.ROOT,
        "| **with / without** (target at least 0.9) | | **%.2f** |%n",
        with.rate() / without.rate());
    System.out.printf(Locale.ROOT, "errors: %d without, %d with%n", without.errors, with.errors);
    Stream.concat(without.firstErrors.stream(), with.firstErrors.stream())
        .forEach(e -> System.out.println("  first error: " + e));
  }

  private static void row(String what, double rate, long[] sortedNanos) {
    System.out.printf(
        Locale.ROOT,
        "| %s | %,.0f | %.2f | %.2f |%n",
        what,
        rate,
        percentile(sortedNanos, 0.50) / 1e6,
        percentile(sortedNanos, 0.99) / 1e6);
  }

  /** The nearest-rank percentile of sorted values; NaN when there are none. */
  private static double percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(p * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }

  private static long[] sorted(long[] a, long[] b) {
    long[] all = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    Arrays.sort(all);
    return all;
  }

  // ---------------------------------------------------------------- steps

  private static boolean health(Worker worker) throws InterruptedException {
    Optional<HttpResponse<String>> response =
        worker.send(Kind.HEALTH, worker.health, worker::error);
    return response.isPresent() && worker.expect(response.get(), 200, "GET /health/live");
  }

  /**
   * Starts a session for the worker's next driver and ends it by its id. A start or an end that got
   * no response may have run or not: the driver's session, if it has one, is ended, so that its
   * next start is not refused.
   */
  private static boolean cycle(Worker worker) throws InterruptedException {
    Driver driver = worker.nextDriver();
    Optional<HttpResponse<String>> started =
        worker.send(Kind.START, driver.start, NO_RESPONSE::record);
    if (started.isEmpty()) {
      return worker.recover(driver);
    }
    if (!worker.expect(started.get(), 201, "start")) {
      return false;
    }
    Optional<String> location = started.get().headers().firstValue("Location");
    if (location.isEmpty()) {
      return worker.error("start answered 201 without a Location header");
    }
    HttpRequest end = driver.end(worker.base.resolve(location.get() + "/end"));
    Optional<HttpResponse<String>> ended = worker.send(Kind.END, end, NO_RESPONSE::record);
    if (ended.isEmpty()) {
      return worker.recover(driver);
    }
    if (!worker.expect(ended.get(), 200, "end")) {
      return false;
    }
    if (!ended.get().body().contains("\"ENDED\"")) {
      return worker.error("end answered 200 without status ENDED: " + ended.get().body());
    }
    return true;
  }

  private static int occupied(HttpClient client, URI base) throws Exception {
    HttpResponse<String> lot =
        client.send(
            HttpRequest.newBuilder(base.resolve("/api/v1/lot")).timeout(TIMEOUT).build(),
            HttpResponse.BodyHandlers.ofString());
    Matcher m = OCCUPIED.matcher(lot.body());
    if (lot.statusCode() != 200 || !m.find()) {
      throw new IllegalStateException("GET /api/v1/lot answered " + lot.statusCode() + lot.body());
    }
    return Integer.parseInt(m.group(1));
  }

  // ---------------------------------------------------------------- running a phase

  /** The client threads, one per worker and so per connection, kept for the whole run. */
  private record Load(List<Worker> workers, ExecutorService threads, Server server) {
    /**
     * Runs {@code step} on every worker, all starting together, for {@code duration}; counts the
     * steps that completed without error, over the time until the last thread stopped.
     */
    Result run(Duration duration, Step step) throws Exception {
      workers.forEach(Worker::reset);
      Map<String, Long> cpuBefore = cpu(server);
      AtomicLong startedAt = new AtomicLong();
      CyclicBarrier start =
          new CyclicBarrier(workers.size(), () -> startedAt.set(System.nanoTime()));
      List<Future<Long>> done = new ArrayList<>();
      for (Worker worker : workers) {
        done.add(
            threads.submit(
                () -> {
                  start.await();
                  long end = startedAt.get() + duration.toNanos();
                  long completed = 0;
                  while (System.nanoTime() < end) {
                    if (step.run(worker)) {
                      completed++;
                    }
                  }
                  return completed;
                }));
      }
      long completed = 0;
      for (Future<Long> f : done) {
        completed += f.get();
      }
      long elapsed = System.nanoTime() - startedAt.get();
      Map<String, Long> cpu = cpu(server);
      cpu.replaceAll((group, nanos) -> nanos - cpuBefore.getOrDefault(group, 0L));
      return Result.of(workers, completed, elapsed, cpu);
    }
  }

  /** What a phase did: completed steps, errors, latencies by kind, time, CPU by thread group. */
  private static final class Result {
    final long completed;
    final long errors;
    final List<String> firstErrors;
    final long elapsedNanos;
    final Map<String, Long> cpu;
    private final long[] health;
    private final long[] start;
    private final long[] end;

    @SuppressWarnings("TooManyParameters") // a private value holder
    Result(
        long completed,
        long errors,
        List<String> firstErrors,
        long elapsedNanos,
        long[] health,
        long[] start,
        long[] end,
        Map<String, Long> cpu) {
      this.completed = completed;
      this.errors = errors;
      this.firstErrors = firstErrors;
      this.elapsedNanos = elapsedNanos;
      this.health = health;
      this.start = start;
      this.end = end;
      this.cpu = cpu;
    }

    static Result of(List<Worker> workers, long completed, long elapsed, Map<String, Long> cpu) {
      return new Result(
          completed,
          workers.stream().mapToLong(w -> w.errors).sum(),
          workers.stream().flatMap(w -> w.firstErrors.stream()).limit(5).toList(),
          elapsed,
          collect(workers, Kind.HEALTH),
          collect(workers, Kind.START),
          collect(workers, Kind.END),
          cpu);
    }

    Result plus(Result other) {
      Map<String, Long> cpuSum = new LinkedHashMap<>(cpu);
      other.cpu.forEach((group, nanos) -> cpuSum.merge(group, nanos, Long::sum));
      return new Result(
          completed + other.completed,
          errors + other.errors,
          Stream.concat(firstErrors.stream(), other.firstErrors.stream()).limit(5).toList(),
          elapsedNanos + other.elapsedNanos,
          concat(health, other.health),
          concat(start, other.start),
          concat(end, other.end),
          cpu.isEmpty() || other.cpu.isEmpty() ? Map.of() : cpuSum);
    }

    double rate() {
      return completed / (elapsedNanos / 1e9);
    }

    /** The server's JIT compiler's share of the server's CPU; NaN when unknown. */
    double serverJitShare() {
      Long jit = cpu.get("server: JIT compiler");
      Long total = cpu.get("server: total");
      return jit == null || total == null || total == 0 ? Double.NaN : jit / (double) total;
    }

    /** The latencies of {@code kind}, sorted. */
    long[] latencies(Kind kind) {
      long[] all =
          switch (kind) {
            case HEALTH -> health;
            case START -> start;
            case END -> end;
          };
      long[] sorted = all.clone();
      Arrays.sort(sorted);
      return sorted;
    }

    private static long[] collect(List<Worker> workers, Kind kind) {
      long[] all = new long[workers.stream().mapToInt(w -> w.latencies(kind).size).sum()];
      int at = 0;
      for (Worker w : workers) {
        Latencies l = w.latencies(kind);
        System.arraycopy(l.nanos, 0, all, at, l.size);
        at += l.size;
      }
      return all;
    }

    private static long[] concat(long[] a, long[] b) {
      long[] all = Arrays.copyOf(a, a.length + b.length);
      System.arraycopy(b, 0, all, a.length, b.length);
      return all;
    }
  }

  /** A growable array of latencies in nanoseconds. */
  private static final class Latencies {
    long[] nanos = new long[1 << 12];
    int size;

    void add(long value) {
      if (size == nanos.length) {
        nanos = Arrays.copyOf(nanos, size * 2);
      }
      nanos[size++] = value;
    }
  }

  // ---------------------------------------------------------------- the client

  /** One driver: a user with a token and a vehicle, and the start request it sends. */
  record Driver(String authorization, String startJson, HttpRequest start) {
    static Driver of(URI base, MACSigner signer, Duration ttl, String user, String plate) {
      Instant now = Instant.now();
      JWTClaimsSet claims =
          new JWTClaimsSet.Builder()
              .subject(user)
              .issueTime(Date.from(now))
              .expirationTime(Date.from(now.plus(ttl)))
              .build();
      SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
      try {
        jwt.sign(signer);
      } catch (JOSEException e) {
        throw new IllegalStateException("cannot sign a token", e);
      }
      String authorization = "Bearer " + jwt.serialize();
      String startJson = "{\"vehicle\": {\"plate\": \"" + plate + "\"}}";
      HttpRequest start =
          HttpRequest.newBuilder(base.resolve("/api/v1/sessions"))
              .timeout(TIMEOUT)
              .header("Authorization", authorization)
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(startJson))
              .build();
      return new Driver(authorization, startJson, start);
    }

    /** An end of this driver's session at {@code uri}: a POST without a body. */
    HttpRequest end(URI uri) {
      return HttpRequest.newBuilder(uri)
          .timeout(TIMEOUT)
          .header("Authorization", authorization)
          .POST(HttpRequest.BodyPublishers.noBody())
          .build();
    }
  }

  /** One client thread's drivers, and what it measured in the current phase. */
  private static final class Worker {
    final HttpClient client;
    final URI base;
    final HttpRequest health;
    final List<Driver> drivers;
    final List<String> firstErrors = new ArrayList<>();
    Latencies healthNanos = new Latencies();
    Latencies startNanos = new Latencies();
    Latencies endNanos = new Latencies();
    long errors;
    int next;

    Worker(HttpClient client, URI base, HttpRequest health, List<Driver> drivers) {
      this.client = client;
      this.base = base;
      this.health = health;
      this.drivers = drivers;
    }

    void reset() {
      healthNanos = new Latencies();
      startNanos = new Latencies();
      endNanos = new Latencies();
      firstErrors.clear();
      errors = 0;
    }

    Latencies latencies(Kind kind) {
      return switch (kind) {
        case HEALTH -> healthNanos;
        case START -> startNanos;
        case END -> endNanos;
      };
    }

    Driver nextDriver() {
      Driver driver = drivers.get(next);
      next = (next + 1) % drivers.size();
      return driver;
    }

    /**
     * Sends {@code request}, recording its latency; empty when no response came at all, which it
     * tells {@code noResponse}: an error for a health check, counted apart ({@link #NO_RESPONSE})
     * for a start or an end, whose driver is then recovered.
     */
    Optional<HttpResponse<String>> send(Kind kind, HttpRequest request, Consumer<String> noResponse)
        throws InterruptedException {
      long started = System.nanoTime();
      try {
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        latencies(kind).add(System.nanoTime() - started);
        return Optional.of(response);
      } catch (IOException e) {
        noResponse.accept(request.method() + " " + request.uri().getPath() + " failed: " + e);
        return Optional.empty();
      }
    }

    /**
     * Ends {@code driver}'s session, if any, after a start or an end whose response never came;
     * always false, for the cycle's answer. An error only if the lot does not answer this either.
     */
    boolean recover(Driver driver) throws InterruptedException {
      HttpRequest end = driver.end(base.resolve("/api/v1/sessions/current/end"));
      try {
        HttpResponse<String> response = client.send(end, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200 && response.statusCode() != 404) {
          error(
              "ending a driver's session after a lost response answered " + response.statusCode());
        }
      } catch (IOException e) {
        error("ending a driver's session after a lost response failed: " + e);
      }
      return false;
    }

    boolean expect(HttpResponse<String> response, int status, String what) {
      return response.statusCode() == status
          || error(what + " answered " + response.statusCode() + ": " + response.body());
    }

    /** Counts an error, keeps the first few; always false, for the step's answer. */
    boolean error(String what) {
      errors++;
      if (firstErrors.size() < 3) {
        firstErrors.add(what);
      }
      return false;
    }
  }

  // ---------------------------------------------------------------- CPU time by thread group

  /**
   * CPU time so far by thread group, server's and this client's, from {@code /proc}; empty where
   * there is no {@code /proc} (not Linux). Threads that have ended are counted only in the totals,
   * so the "other" rows also hold them; counted in ticks of 10 ms and read file by file, a group
   * with little CPU can come out a few µs below zero.
   */
  static Map<String, Long> cpu(Server server) {
    Map<String, Long> cpu = new LinkedHashMap<>();
    if (!Files.isDirectory(Path.of("/proc/self/task"))) {
      return cpu;
    }
    threadCpu("server", server.pid(), cpu);
    threadCpu("client", ProcessHandle.current().pid(), cpu);
    return cpu;
  }

  private static void threadCpu(String process, long pid, Map<String, Long> cpu) {
    List<String> groups =
        new ArrayList<>(List.of("request threads", "JIT compiler", "garbage collector"));
    if (pid == ProcessHandle.current().pid()) {
      groups.add("reading the server's log");
    }
    groups.add("other threads");
    groups.forEach(g -> cpu.put(process + ": " + g, 0L));
    long named = 0;
    try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
      for (Path task : tasks.toList()) {
        Optional<String> stat = read(task.resolve("stat"));
        if (stat.isEmpty()) {
          continue; // the thread ended meanwhile
        }
        String line = stat.get();
        String name = line.substring(line.indexOf('(') + 1, line.lastIndexOf(')'));
        long nanos = ProcCpu.nanos(line);
        String group = process + ": " + group(name);
        cpu.merge(group, nanos, Long::sum);
        named += nanos;
      }
      Optional<String> stat = read(Path.of("/proc", Long.toString(pid), "stat"));
      if (stat.isPresent()) {
        String line = stat.get();
        long total = ProcCpu.nanos(line);
        cpu.merge(process + ": other threads", Math.max(0, total - named), Long::sum);
        cpu.put(process + ": total", total);
      }
    } catch (IOException e) {
      // the process ended meanwhile: its figures stay as far as they were read
    }
  }

  private static String group(String threadName) {
    if (threadName.startsWith("JettyServerThre")
        || threadName.startsWith("load-")
        || threadName.startsWith("HttpClient-")) {
      return "request threads";
    }
    if (threadName.startsWith("C1 CompilerThre") || threadName.startsWith("C2 CompilerThre")) {
      return "JIT compiler";
    }
    if (threadName.startsWith("GC Thread")
        || threadName.startsWith("G1 ")
        || threadName.equals("VM Thread")) {
      return "garbage collector";
    }
    if (threadName.startsWith("server-output")) {
      return "reading the server's log";
    }
    return "other threads";
  }

  private static Optional<String> read(Path file) {
    try {
      return Optional.of(Files.readString(file));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  // ---------------------------------------------------------------- the server

  /**
   * {@code parkade.jar serve} (or another server, {@link #launch}) in a separate process, in a
   * temporary directory, its standard output drained by a thread for as long as it runs: the server
   * logs a line per request, and a full pipe would stall it.
   */
  static final class Server implements AutoCloseable {
    private final Process process;
    private final Path dir;
    private final URI base;
    private final AtomicLong lines;
    private final FirstFew warnings;

    private Server(Process process, Path dir, URI base, AtomicLong lines, FirstFew warnings) {
      this.process = process;
      this.dir = dir;
      this.base = base;
      this.lines = lines;
      this.warnings = warnings;
    }

    static Server start(String jar, String secret) throws Exception {
      return start(jar, secret, List.of("--storage", "memory"));
    }

    /** The server with {@code storage}, its storage flags ({@code --storage} and the rest). */
    static Server start(String jar, String secret, List<String> storage) throws Exception {
      List<String> command = new ArrayList<>(List.of("java"));
      List<String> options = LauncherOptions.of(Path.of(jar));
      System.err.println("server JVM options: " + (options.isEmpty() ? "none" : options));
      command.addAll(options);
      command.addAll(
          List.of(
              "-jar",
              Path.of(jar).toAbsolutePath().toString(),
              "serve",
              "--port",
              "0",
              "--spots",
              Integer.toString(SPOTS)));
      command.addAll(storage);
      return launch(command, Map.of("PARKADE_JWT_SECRET", secret), READY_LINE);
    }

    /**
     * Runs {@code command} with {@code environment} added, in a directory of its own, and waits for
     * the line that {@code ready} finds: its first group is the server's base URI.
     */
    static Server launch(List<String> command, Map<String, String> environment, Pattern ready)
        throws Exception {
      Path dir = Files.createTempDirectory("parkade-http-load");
      ProcessBuilder builder =
          new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
      builder.environment().putAll(environment);
      Process process = builder.start();
      Runtime.getRuntime().addShutdownHook(new Thread(process::destroy, "parkade-server-stop"));
      CompletableFuture<String> readyAt = new CompletableFuture<>();
      AtomicLong lines = new AtomicLong();
      FirstFew warnings = new FirstFew();
      List<String> early = new ArrayList<>();
      Thread drain =
          new Thread(
              () -> {
                try (BufferedReader out =
                    new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                  for (String line = out.readLine(); line != null; line = out.readLine()) {
                    lines.incrementAndGet();
                    if (WARNING_LINE.matcher(line).find()) {
                      warnings.record(line);
                    }
                    if (!readyAt.isDone()) {
                      Matcher m = ready.matcher(line);
                      if (m.find()) {
                        readyAt.complete(m.group(1));
                      } else if (early.size() < 20) {
                        early.add(line);
                      }
                    }
                  }
                } catch (IOException e) {
                  readyAt.completeExceptionally(e);
                }
                readyAt.completeExceptionally(
                    new IllegalStateException(
                        "the server stopped before its ready line: " + early));
              },
              "server-output");
      drain.setDaemon(true);
      drain.start();
      try {
        String url = readyAt.get(60, TimeUnit.SECONDS);
        return new Server(process, dir, URI.create(url), lines, warnings);
      } catch (Exception e) {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
        throw e;
      }
    }

    URI base() {
      return base;
    }

    long pid() {
      return process.pid();
    }

    long linesDrained() {
      return lines.get();
    }

    /** How many lines the server logged at WARN or ERROR, and the first few. */
    void printWarnings() {
      warnings.print("server log lines at WARN or ERROR");
    }

    /** Stops the server (SIGTERM, then SIGKILL after 30 s) and deletes its directory. */
    @Override
    public void close() {
      process.destroy();
      try {
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(HttpLoad::delete);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static void delete(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
