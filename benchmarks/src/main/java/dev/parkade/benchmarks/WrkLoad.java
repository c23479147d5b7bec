package dev.parkade.benchmarks;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The HTTP path measured by an independent load generator, {@code wrk} (Debian's package): the jar
 * on memory storage, {@code GET /health/live} as the baseline and start+end cycles with the same
 * connections, in the order health, cycles, cycles, health so that a drift of the machine falls on
 * both alike. Each wrk thread has one connection and one driver, whose start and end alternate on
 * it, so no request races its own driver's other one.
 *
 * <p>{@code java -cp benchmarks.jar dev.parkade.benchmarks.WrkLoad <parkade.jar> <seconds>
 * <connections>}
 */
public final class WrkLoad {
  private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
  private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)");
  private static final Pattern COUNT = Pattern.compile("(\\d+) requests in");
  private static final String SERVER_CPU = "server: total";
  private static final Pattern P99 = Pattern.compile("\\s99%\\s+([0-9.]+)(us|ms|s)");

  private WrkLoad() {}

  /** What one wrk run printed that matters here. */
  record Run(double rate, long errors, double p99Millis, long requests, long serverCpuNanos) {
    Run plus(Run other) {
      return new Run(
          (rate + other.rate) / 2,
          errors + other.errors,
          Math.max(p99Millis, other.p99Millis),
          requests + other.requests,
          serverCpuNanos + other.serverCpuNanos);
    }

    /** The server's CPU time per request answered, from /proc; 0 where /proc is missing. */
    double serverMicrosPerRequest() {
      return requests == 0 ? 0 : serverCpuNanos / 1e3 / requests;
    }
  }

  public static void main(String[] args) throws Exception {
    String jar = args.length > 0 ? args[0] : "bootstrap/target/parkade.jar";
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    int connections = args.length > 2 ? Integer.parseInt(args[2]) : 64;
    byte[] secret = new byte[48];
    new SecureRandom().nextBytes(secret);
    String secretText = Base64.getEncoder().encodeToString(secret);
    Path dir = Files.createTempDirectory("parkade-wrk");
    try (HttpLoad.Server server = HttpLoad.Server.start(jar, secretText)) {
      String half = Math.max(1, seconds / 2) + "s";
      // Each cycles run has drivers of its own: a start that a run's end cut off leaves its
      // driver parked, and the next run's first start would be refused for it.
      Path[] runs = new Path[3];
      for (int run = 0; run < runs.length; run++) {
        runs[run] = dir.resolve("cycles-" + run + ".lua");
        Files.writeString(
            runs[run], script(tokens(secretText, run, connections), run), StandardCharsets.UTF_8);
      }

      System.err.println("warming up: health and cycles, " + seconds + " s each");
      wrk(server, "/health/live", null, connections, seconds + "s");
      wrk(server, "/", runs[0], connections, seconds + "s");

      Run health = wrk(server, "/health/live", null, connections, half);
      Run cycle = wrk(server, "/", runs[1], connections, half);
      cycle = cycle.plus(wrk(server, "/", runs[2], connections, half));
      health = health.plus(wrk(server, "/health/live", null, connections, half));

      double cycleRate = cycle.rate() / 2;
      System.out.printf(
          Locale.ROOT,
          "| wrk, %d connections, memory storage | per second | p99 ms (worst run) | non-2xx |"
              + " server CPU µs per request |%n",
          connections);
      System.out.println("| --- | ---: | ---: | ---: | ---: |");
      System.out.printf(
          Locale.ROOT,
          "| GET /health/live requests, the baseline | %,.0f | %.2f | %d | %.0f |%n",
          health.rate(),
          health.p99Millis(),
          health.errors(),
          health.serverMicrosPerRequest());
      System.out.printf(
          Locale.ROOT,
          "| start+end cycles (start and end requests: %,.0f/s) | %,.0f | %.2f | %d | %.0f |%n",
          cycle.rate(),
          cycleRate,
          cycle.p99Millis(),
          cycle.errors(),
          cycle.serverMicrosPerRequest());
      System.out.printf(
          Locale.ROOT,
          "| **cycles per second / health requests per second** (target at least 0.47) | **%.2f** |"
              + " | |%n",
          cycleRate / health.rate());
      if (cycle.errors() + health.errors() > 0) {
        System.err.println("WrkLoad: some requests were refused; see the non-2xx column");
        System.exit(1);
      }
    }
  }

  /** One HS256 token per connection, valid for an hour: the server's own format. */
  private static List<String> tokens(String secret, int run, int count) throws JOSEException {
    MACSigner signer = new MACSigner(secret.getBytes(StandardCharsets.UTF_8));
    List<String> tokens = new ArrayList<>();
    Instant now = Instant.now();
    for (int i = 1; i <= count; i++) {
      SignedJWT jwt =
          new SignedJWT(
              new JWSHeader(JWSAlgorithm.HS256),
              new JWTClaimsSet.Builder()
                  .subject("wrk-" + run + "-" + i)
                  .issueTime(Date.from(now))
                  .expirationTime(Date.from(now.plus(Duration.ofHours(1))))
                  .build());
      jwt.sign(signer);
      tokens.add(jwt.serialize());
    }
    return tokens;
  }

  /** wrk's script: each thread's one connection alternates its driver's start and end. */
  static String script(List<String> tokens, int run) {
    StringBuilder lua = new StringBuilder("local tokens = {\n");
    tokens.forEach(t -> lua.append("  \"").append(t).append("\",\n"));
    lua.append(
        """
        }
        local next_id = 1
        local threads = {}
        function setup(thread)
          thread:set("id", next_id)
          table.insert(threads, thread)
          next_id = next_id + 1
        end
        -- The next request follows the last answer, not the count of calls to request().
        function response(status, headers, body)
          if status >= 300 and refused == nil then
            refused = status .. " " .. body
          end
          starting = not starting
        end
        function done(summary, latency, requests)
          for _, t in ipairs(threads) do
            local r = t:get("refused")
            if r ~= nil then
              io.stderr:write("refused on connection " .. t:get("id") .. ": " .. r .. "\n")
            end
          end
        end
        function init(args)
          local auth = "Bearer " .. tokens[id]
          start_request = wrk.format("POST", "/api/v1/sessions",
            {["Authorization"] = auth, ["Content-Type"] = "application/json"},
            '{"vehicle": {"plate": "W%dX' .. id .. '"}}')
          end_request = wrk.format("POST", "/api/v1/sessions/current/end",
            {["Authorization"] = auth}, "")
          starting = true
        end
        function request()
          return starting and start_request or end_request
        end
        """
            .formatted(run));
    return lua.toString();
  }

  private static Run wrk(
      HttpLoad.Server server, String path, @Nullable Path script, int connections, String duration)
      throws IOException, InterruptedException {
    URI base = server.base();
    long cpuBefore = HttpLoad.cpu(server).getOrDefault(SERVER_CPU, 0L);
    List<String> command = new ArrayList<>(List.of("wrk", "-t", Integer.toString(connections)));
    command.addAll(List.of("-c", Integer.toString(connections), "-d", duration, "--latency"));
    if (script != null) {
      command.addAll(List.of("-s", script.toString()));
    }
    command.add(base.resolve(path).toString());
    Process wrk = new ProcessBuilder(command).redirectErrorStream(true).start();
    // the script's own lines (what a refusal said) go to standard error as they come
    String out = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    out.lines().filter(l -> l.startsWith("refused on connection")).forEach(System.err::println);
    if (wrk.waitFor() != 0) {
      throw new IllegalStateException("wrk failed:\n" + out);
    }
    Matcher rate = RATE.matcher(out);
    if (!rate.find()) {
      throw new IllegalStateException("wrk printed no rate:\n" + out);
    }
    Matcher errors = NON_2XX.matcher(out);
    Matcher p99 = P99.matcher(out);
    double p99Millis = 0;
    if (p99.find()) {
      double value = Double.parseDouble(p99.group(1));
      p99Millis =
          switch (p99.group(2)) {
            case "us" -> value / 1e3;
            case "s" -> value * 1e3;
            default -> value;
          };
    }
    long cpuAfter = HttpLoad.cpu(server).getOrDefault(SERVER_CPU, 0L);
    Matcher count = COUNT.matcher(out);
    return new Run(
        Double.parseDouble(rate.group(1)),
        errors.find() ? Long.parseLong(errors.group(1)) : 0,
        p99Millis,
        count.find() ? Long.parseLong(count.group(1)) : 0,
        cpuAfter - cpuBefore);
  }
}
