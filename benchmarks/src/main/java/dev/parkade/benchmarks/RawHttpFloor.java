package dev.parkade.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The least a start and an end can do over HTTP on PostgreSQL: the raw baseline's transactions
 * ({@link RawParking.Transactions}, SKIP LOCKED) behind the web stack Parkade runs on (Javalin on
 * Jetty), in a JVM of its own started with the launcher's options, through a pool of the server's
 * size. No token check, no JSON parsing, no request log, no counts, no history, no domain code.
 *
 * <p>It answers the requests the latency harness sends Parkade, by their shape, and ignores their
 * headers and bodies: {@code POST /api/v1/sessions} answers 201 with a {@code Location}, and {@code
 * POST <location>/end} answers 200. So a phase against it sends the very bytes a phase against
 * Parkade does, and what Parkade waits for beyond it is Parkade's own.
 *
 * <p>{@code java -cp benchmarks.jar dev.parkade.benchmarks.RawHttpFloor <jdbc url> <pool size>}; it
 * prints {@link #READY} and its base URI once it listens on a free port of 127.0.0.1.
 */
public final class RawHttpFloor {
  static final String READY = "raw HTTP floor ready at ";

  /** As {@code ParkadeApi.RESPONSE_COPY_BYTES}, which this module cannot see. */
  private static final int RESPONSE_COPY_BYTES = 2 * 1024;

  private static final String SESSIONS = "/api/v1/sessions";

  private final HikariDataSource pool;
  private final RawParking.Transactions raw = new RawParking.Transactions(true);

  private RawHttpFloor(HikariDataSource pool) {
    this.pool = pool;
  }

  public static void main(String[] args) {
    if (args.length != 2) {
      System.err.println("usage: RawHttpFloor <jdbc url> <pool size>");
      System.exit(2);
    }
    RawHttpFloor floor = new RawHttpFloor(PostgresLoad.pool(args[0], Integer.parseInt(args[1])));
    Javalin app =
        Javalin.create(
                c -> {
                  c.startup.showJavalinBanner = false;
                  c.startup.showOldJavalinVersionWarning = false;
                  // Parkade's two settings that change what a request costs (ParkadeApi).
                  c.http.responseBufferSize = RESPONSE_COPY_BYTES;
                  c.jetty.modifyHttpConfiguration(http -> http.setHeaderCacheSize(0));
                  c.routes.post(SESSIONS, floor::start);
                  c.routes.post(SESSIONS + "/{id}/end", floor::end);
                })
            .start("127.0.0.1", 0);
    System.out.println(READY + "http://127.0.0.1:" + app.port());
  }

  /**
   * The HTTP floor in a JVM of its own with the options of the server built beside {@code jar},
   * attached to the raw database at {@code jdbcUrl} through a pool of {@code poolSize}.
   */
  static HttpLoad.Server launch(String jar, String jdbcUrl, int poolSize) throws Exception {
    List<String> command = new ArrayList<>(List.of("java"));
    command.addAll(LauncherOptions.of(Path.of(jar)));
    command.addAll(
        List.of(
            "-cp",
            Path.of(RawHttpFloor.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString(),
            RawHttpFloor.class.getName(),
            jdbcUrl,
            Integer.toString(poolSize)));
    return HttpLoad.Server.launch(
        command, Map.of(), Pattern.compile(Pattern.quote(READY) + "(http://\\S+)"));
  }

  private void start(Context ctx) throws SQLException {
    Optional<RawParking.Parked> parked;
    try (Connection c = RawParking.Transactions.connection(pool)) {
      parked = raw.start(c);
    }
    if (parked.isEmpty()) {
      ctx.status(409).result("no free spot");
      return;
    }
    String id = parked.get().session() + "-" + parked.get().spot();
    ctx.status(201)
        .header("Location", SESSIONS + "/" + id)
        .contentType("application/json")
        .result("{\"id\":\"" + id + "\"}");
  }

  private void end(Context ctx) throws SQLException {
    String id = ctx.pathParam("id");
    int dash = id.indexOf('-');
    RawParking.Parked parked =
        new RawParking.Parked(Long.parseLong(id.substring(0, dash)), id.substring(dash + 1));
    try (Connection c = RawParking.Transactions.connection(pool)) {
      raw.end(c, parked);
    }
    ctx.status(200).contentType("application/json").result("{\"id\":\"" + id + "\"}");
  }
}
