package dev.parkade.bootstrap;

import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Where the data lives: shared by {@code serve} and {@code migrate}. A flag wins over its variable.
 */
final class StorageOptions {
  @Option(
      names = "--storage",
      defaultValue = "${env:PARKADE_STORAGE:-h2}",
      description = "memory, h2 or postgres (env PARKADE_STORAGE; default ${DEFAULT-VALUE})")
  StorageKind storage = StorageKind.H2;

  @Mixin DataDirOption dataDir = new DataDirOption();

  @Option(
      names = "--jdbc-url",
      defaultValue = "${env:PARKADE_JDBC_URL}",
      description = "for postgres, or an external h2 (env PARKADE_JDBC_URL)")
  @Nullable String jdbcUrl;

  @Option(
      names = "--db-user",
      defaultValue = "${env:PARKADE_DB_USER}",
      description = "database user (env PARKADE_DB_USER)")
  @Nullable String dbUser;

  @Option(
      names = "--db-password",
      defaultValue = "${env:PARKADE_DB_PASSWORD}",
      description = "database password (env PARKADE_DB_PASSWORD)")
  @Nullable String dbPassword;

  /** For a command that serves nothing: keys are kept as long as by default. */
  ServerSettings settings() {
    return settings("127.0.0.1", 0, 0, false, ServerSettings.DEFAULT_IDEMPOTENCY_TTL);
  }

  ServerSettings settings(
      String host, int port, int spots, boolean accessLog, Duration idempotencyTtl) {
    return new ServerSettings(
        host,
        port,
        storage,
        dataDir.path(),
        Optional.ofNullable(jdbcUrl),
        Optional.ofNullable(dbUser),
        Optional.ofNullable(dbPassword),
        spots,
        accessLog,
        idempotencyTtl);
  }
}
