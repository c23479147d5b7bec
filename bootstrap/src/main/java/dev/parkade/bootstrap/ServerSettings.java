package dev.parkade.bootstrap;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** Everything {@code parkade serve} is told, from flags or {@code PARKADE_*} variables. */
public record ServerSettings(
    String host,
    int port,
    StorageKind storage,
    Path dataDir,
    Optional<String> jdbcUrl,
    Optional<String> dbUser,
    Optional<String> dbPassword,
    int initialSpots,
    boolean accessLog,
    Duration idempotencyTtl) {

  /** How long a key is kept unless told otherwise: a day, as payment APIs keep theirs. */
  public static final Duration DEFAULT_IDEMPOTENCY_TTL = Duration.ofHours(24);

  /** The bounds of {@code --idempotency-ttl}, as the operations contract gives them. */
  static final DurationFlag IDEMPOTENCY_TTL =
      new DurationFlag("--idempotency-ttl", Duration.ofMinutes(1), Duration.ofDays(30));

  public ServerSettings {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(storage, "storage");
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    Objects.requireNonNull(dbUser, "dbUser");
    Objects.requireNonNull(dbPassword, "dbPassword");
    Objects.requireNonNull(idempotencyTtl, "idempotencyTtl");
    if (host.isBlank()) {
      // An empty PARKADE_HOST= would otherwise start and print http://:8080 as its address.
      throw new ConfigurationException("--host", "must not be empty (env PARKADE_HOST)");
    }
    if (port < 0 || port > 65_535) {
      throw new ConfigurationException("--port", "must be between 0 and 65535, was " + port);
    }
    if (initialSpots < 0 || initialSpots > 1_000_000) {
      throw new ConfigurationException(
          "--spots", "must be between 0 and 1000000, was " + initialSpots);
    }
  }
}
