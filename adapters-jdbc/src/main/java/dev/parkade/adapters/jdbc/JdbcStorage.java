package dev.parkade.adapters.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.parkade.domain.StorageUnavailableException;
import dev.parkade.domain.port.ChangeRelay;
import dev.parkade.domain.port.LotImport;
import java.time.Duration;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatements;

/**
 * A database opened for Parkade: its connection pool, its schema brought up to date, and the {@link
 * JdbcParkingLot} on top. Closing it closes the pool.
 */
public final class JdbcStorage implements AutoCloseable {
  private final HikariDataSource pool;
  private final Jdbi jdbi;
  private final JdbcParkingLot lot;
  private final ChangeRelay relay;

  private JdbcStorage(HikariDataSource pool, JdbcSettings settings) {
    this.pool = pool;
    this.relay =
        settings.isPostgresql() ? new PostgresChangeRelay(pool, settings) : ChangeRelay.NONE;
    this.jdbi = Jdbi.create(pool);
    jdbi.getConfig(SqlStatements.class).setTemplateEngine(new AttributeTemplates());
    this.lot = new JdbcParkingLot(jdbi);
  }

  /**
   * Opens the pool and applies pending migrations.
   *
   * @throws StorageUnavailableException when the database cannot be reached or migrated
   */
  public static JdbcStorage open(JdbcSettings settings) {
    HikariDataSource pool = null;
    try {
      pool = new HikariDataSource(poolConfig(settings));
      // Flyway holds a connection of its own while it migrates; from a pool of one it would wait
      // for itself, so it gets a plain connection outside the pool.
      migrate(settings);
      return new JdbcStorage(pool, settings);
    } catch (RuntimeException e) {
      if (pool != null) {
        pool.close();
      }
      throw new StorageUnavailableException(
          "cannot open the database at " + settings.url() + ": " + rootMessage(e), e);
    }
  }

  /** Applies the migrations that the database lacks; idempotent. */
  private static void migrate(JdbcSettings settings) {
    Flyway.configure()
        .dataSource(settings.url(), settings.user(), settings.password())
        .locations("classpath:db/migration")
        .javaMigrations(new KeepPagesOfEmptiedTables())
        .failOnMissingLocations(true)
        .load()
        .migrate();
  }

  private static HikariConfig poolConfig(JdbcSettings settings) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(settings.url());
    config.setUsername(settings.user());
    config.setPassword(settings.password());
    config.setMaximumPoolSize(settings.maxPoolSize());
    config.setConnectionTimeout(settings.connectionTimeout().toMillis());
    config.setPoolName("parkade");
    // Set once per connection here, so that no transaction pays a round trip to ask for it.
    config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
    // Fail at once when the database is unreachable, instead of starting a server that cannot work.
    config.setInitializationFailTimeout(settings.connectionTimeout().toMillis());
    if (settings.isPostgresql()) {
      config.setConnectionInitSql(LotCounter.CLAIM_STRIPE);
    }
    return config;
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return String.valueOf(root.getMessage());
  }

  public JdbcParkingLot lot() {
    return lot;
  }

  /** The keyed writes over {@link #lot()}'s state, whose keys live {@code ttl} (ADR 0015). */
  public JdbcIdempotentWrites idempotentWrites(Duration ttl) {
    return lot.idempotentWrites(ttl);
  }

  /** Loading a whole lot in one transaction, for {@code parkade import}. */
  public LotImport lotImport() {
    return lot.lotImport();
  }

  /**
   * How the server processes sharing this database tell each other their changes: PostgreSQL's
   * notifications; nothing on H2, which only its own process uses.
   */
  public ChangeRelay changeRelay() {
    return relay;
  }

  /** Whether the database answers a trivial query now. */
  public boolean isReachable() {
    try {
      return jdbi.withHandle(h -> h.createQuery(SharedSql.PING).mapTo(Integer.class).one()) == 1;
    } catch (RuntimeException e) {
      return false;
    }
  }

  @Override
  public void close() {
    relay.close();
    pool.close();
  }
}
