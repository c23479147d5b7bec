package dev.parkade.bootstrap;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** The real server, wired by Dagger exactly as {@code parkade serve} wires it, on port 0. */
final class TestServers {
  private TestServers() {}

  /**
   * A server, not yet started, on {@code kind}'s storage: H2 in {@code dataDir}, or {@code
   * postgres} (required for that kind), with {@code spots} on first start and tokens signed with
   * {@code secret}.
   */
  static ParkadeServer server(
      StorageKind kind,
      Path dataDir,
      int spots,
      String secret,
      @Nullable EmbeddedPostgres postgres) {
    Optional<String> url = Optional.empty();
    if (kind == StorageKind.POSTGRES) {
      if (postgres == null) {
        throw new IllegalArgumentException("a PostgreSQL server needs its database");
      }
      url = Optional.of(postgres.getJdbcUrl("postgres", "postgres"));
    }
    Optional<String> login = Optional.of("postgres").filter(u -> kind == StorageKind.POSTGRES);
    ServerSettings settings =
        new ServerSettings(
            "127.0.0.1",
            0,
            kind,
            dataDir,
            url,
            login,
            login,
            spots,
            false,
            ServerSettings.DEFAULT_IDEMPOTENCY_TTL);
    return ParkadeComponent.create(
            settings,
            new Environment(Map.of(TokenSecret.ENVIRONMENT_VARIABLE, secret)),
            Clock.systemUTC())
        .server();
  }
}
