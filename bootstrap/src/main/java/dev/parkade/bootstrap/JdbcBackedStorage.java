package dev.parkade.bootstrap;

import dev.parkade.adapters.jdbc.JdbcSettings;
import dev.parkade.adapters.jdbc.JdbcStorage;
import dev.parkade.domain.StorageUnavailableException;
import dev.parkade.domain.port.ChangeRelay;
import dev.parkade.domain.port.IdempotentWrites;
import dev.parkade.domain.port.LotImport;
import dev.parkade.domain.port.SessionStore;
import dev.parkade.domain.port.SpotInventory;
import java.time.Duration;
import java.util.Optional;

/** A database opened for the server; failing to open it is a configuration error (exit 2). */
final class JdbcBackedStorage implements Storage {
  private final JdbcStorage database;
  private final IdempotentWrites keyed;

  private JdbcBackedStorage(JdbcStorage database, Duration idempotencyTtl) {
    this.database = database;
    this.keyed = database.idempotentWrites(idempotencyTtl);
  }

  static JdbcBackedStorage open(JdbcSettings settings, Duration idempotencyTtl, String setting) {
    try {
      return new JdbcBackedStorage(JdbcStorage.open(settings), idempotencyTtl);
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
  public IdempotentWrites idempotentWrites() {
    return keyed;
  }

  @Override
  public Optional<LotImport> lotImport() {
    return Optional.of(database.lotImport());
  }

  @Override
  public ChangeRelay changeRelay() {
    return database.changeRelay();
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
