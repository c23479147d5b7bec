package dev.parkade.bootstrap;

import dev.parkade.adapters.jdbc.JdbcSettings;
import dev.parkade.adapters.jdbc.JdbcStorage;
import dev.parkade.domain.StorageUnavailableException;
import dev.parkade.domain.port.LotImport;
import dev.parkade.domain.port.SessionStore;
import dev.parkade.domain.port.SpotInventory;
import java.util.Optional;

/** A database opened for the server; failing to open it is a configuration error (exit 2). */
final class JdbcBackedStorage implements Storage {
  private final JdbcStorage database;

  private JdbcBackedStorage(JdbcStorage database) {
    this.database = database;
  }

  static JdbcBackedStorage open(JdbcSettings settings, String setting) {
    try {
      return new JdbcBackedStorage(JdbcStorage.open(settings));
    } catch (StorageUnavailableException e) {
      throw new ConfigurationException(setting, String.valueOf(e.getMessage()), e);
    }
  }

  @Override
  public SessionStore sessions() {
    return database.lot();
  }

  @Override
  public SpotInventory spots() {
    return database.lot();
  }

  @Override
  public Optional<LotImport> lotImport() {
    return Optional.of(database.lotImport());
  }

  @Override
  public boolean isReady() {
    return database.isReachable();
  }

  @Override
  public void close() {
    database.close();
  }
}
