package dev.parkade.bootstrap;

import dev.parkade.adapters.jdbc.JdbcSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Which database each storage kind opens, from the server settings. */
final class DatabaseSettings {
  private DatabaseSettings() {}

  /** Embedded H2 in the data directory, unless {@code --jdbc-url} names another H2. */
  static JdbcSettings h2(ServerSettings settings) {
    if (settings.jdbcUrl().isPresent()) {
      return external(settings, "jdbc:h2:");
    }
    Path dir = settings.dataDir().toAbsolutePath().normalize();
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new ConfigurationException(
          "--data-dir", "cannot create " + dir + ": " + e.getMessage());
    }
    if (!Files.isWritable(dir) || !Files.isReadable(dir)) {
      throw new ConfigurationException("--data-dir", dir + " is not readable and writable");
    }
    // WRITE_DELAY=0: a committed session is on disk before the client hears of it.
    // DB_CLOSE_ON_EXIT=FALSE: the server closes the database when it stops (StopOnSignal), after
    // start-up's migrations are over; H2's own hook would close it under them.
    return JdbcSettings.of(
        "jdbc:h2:file:"
            + dir.resolve("parkade")
            + ";LOCK_TIMEOUT=10000;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE",
        settings.dbUser().orElse("parkade"),
        settings.dbPassword().orElse(""));
  }

  static JdbcSettings postgres(ServerSettings settings) {
    if (settings.jdbcUrl().isEmpty()) {
      throw new ConfigurationException("--jdbc-url", "is required with --storage postgres");
    }
    return external(settings, "jdbc:postgresql:");
  }

  private static JdbcSettings external(ServerSettings settings, String prefix) {
    String url = settings.jdbcUrl().orElseThrow();
    if (!url.startsWith(prefix)) {
      throw new ConfigurationException(
          "--jdbc-url",
          "must start with " + prefix + " for --storage " + settings.storage().flagValue());
    }
    return JdbcSettings.of(url, settings.dbUser().orElse(""), settings.dbPassword().orElse(""));
  }
}
