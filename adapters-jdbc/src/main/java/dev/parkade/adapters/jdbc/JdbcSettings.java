package dev.parkade.adapters.jdbc;

import java.time.Duration;
import java.util.Objects;

/**
 * Where the database is and how to talk to it.
 *
 * @param url a {@code jdbc:postgresql:} or {@code jdbc:h2:} URL
 * @param maxPoolSize the most connections this process holds
 * @param connectionTimeout how long a caller waits for a pooled connection before the storage is
 *     reported unavailable
 */
public record JdbcSettings(
    String url, String user, String password, int maxPoolSize, Duration connectionTimeout) {

  public static final int DEFAULT_POOL_SIZE = 16;
  public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(5);

  public JdbcSettings {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(connectionTimeout, "connectionTimeout");
    if (!url.startsWith("jdbc:postgresql:") && !url.startsWith("jdbc:h2:")) {
      throw new IllegalArgumentException(
          "JDBC URL must start with jdbc:postgresql: or jdbc:h2:, was " + url);
    }
    if (maxPoolSize < 1) {
      throw new IllegalArgumentException("pool size must be at least 1, was " + maxPoolSize);
    }
  }

  /** Whether the database is PostgreSQL (else H2). */
  public boolean isPostgresql() {
    return url.startsWith("jdbc:postgresql:");
  }

  public static JdbcSettings of(String url, String user, String password) {
    return new JdbcSettings(url, user, password, DEFAULT_POOL_SIZE, DEFAULT_CONNECTION_TIMEOUT);
  }

  public JdbcSettings withPoolSize(int size) {
    return new JdbcSettings(url, user, password, size, connectionTimeout);
  }
}
