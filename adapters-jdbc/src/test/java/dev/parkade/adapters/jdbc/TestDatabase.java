package dev.parkade.adapters.jdbc;

import dev.parkade.domain.port.StoragePorts;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh, migrated database for one test class: an H2 in-memory database, or a database of its own
 * on the one embedded PostgreSQL server that the whole test run shares. Register it as a static
 * {@code @RegisterExtension} field; {@link #emptyStorage()} gives every test an empty lot.
 */
final class TestDatabase implements BeforeAllCallback, AfterAllCallback {
  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static @Nullable EmbeddedPostgres server;

  private final boolean postgres;
  private final int poolSize;
  private final List<JdbcStorage> opened = new ArrayList<>();
  private @Nullable JdbcSettings settings;
  private @Nullable JdbcStorage storage;
  private @Nullable TwoNodes twoNodes;

  private TestDatabase(boolean postgres, int poolSize) {
    this.postgres = postgres;
    this.poolSize = poolSize;
  }

  static TestDatabase h2() {
    return new TestDatabase(false, 16);
  }

  static TestDatabase postgres() {
    return new TestDatabase(true, 16);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    String name = "parkade_" + DATABASES.incrementAndGet();
    settings =
        postgres
            ? JdbcSettings.of(createPostgresDatabase(name), "postgres", "postgres")
            // Long lock timeout: under contention a waiting transaction should wait, not fail.
            : JdbcSettings.of(
                "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000", "sa", "");
    storage = open();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    opened.forEach(JdbcStorage::close);
    opened.clear();
  }

  /** The class's database, emptied: no spot, no session, counts at zero. */
  StoragePorts emptyStorage() {
    JdbcStorage current = storage();
    Jdbi.create(settings().url(), settings().user(), settings().password())
        .useHandle(
            h -> {
              h.execute("DELETE FROM idempotency_key");
              h.execute("DELETE FROM active_session");
              h.execute("DELETE FROM ended_session");
              h.execute("DELETE FROM spot");
              h.execute("UPDATE lot_counter SET total = 0, free = 0");
              h.execute("DELETE FROM class_counter WHERE facility_id <> 'default'");
              h.execute("UPDATE class_counter SET total = 0, free = 0");
              h.execute("DELETE FROM facility WHERE id <> 'default'");
            });
    return StoragePorts.of(current.lot());
  }

  /**
   * The class's database, emptied, as two server processes see it: two adapters with a pool each,
   * every call going to either at random.
   */
  StoragePorts emptyTwoNodes() {
    emptyStorage();
    if (twoNodes == null) {
      twoNodes = new TwoNodes(open().lot(), open().lot());
    }
    return StoragePorts.of(twoNodes);
  }

  /** Another process's view of the same database: its own pool and its own adapter. */
  JdbcStorage anotherNode() {
    return open();
  }

  JdbcSettings settings() {
    if (settings == null) {
      throw new IllegalStateException("register TestDatabase as a static @RegisterExtension field");
    }
    return settings;
  }

  Jdbi jdbi() {
    return Jdbi.create(settings().url(), settings().user(), settings().password());
  }

  boolean isPostgres() {
    return postgres;
  }

  JdbcStorage storage() {
    if (storage == null) {
      throw new IllegalStateException("register TestDatabase as a static @RegisterExtension field");
    }
    return storage;
  }

  private JdbcStorage open() {
    JdbcStorage node = JdbcStorage.open(settings().withPoolSize(poolSize));
    opened.add(node);
    return node;
  }

  /** The URL of a new, empty database of its own on the run's PostgreSQL server, unmigrated. */
  static String newPostgresDatabase() {
    return createPostgresDatabase("parkade_" + DATABASES.incrementAndGet());
  }

  private static synchronized String createPostgresDatabase(String name) {
    EmbeddedPostgres pg = server();
    try (Connection admin = pg.getPostgresDatabase().getConnection();
        Statement sql = admin.createStatement()) {
      sql.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create test database " + name, e);
    }
    return pg.getJdbcUrl("postgres", name);
  }

  /** The run's one PostgreSQL server, started on first use and stopped when the JVM exits. */
  private static synchronized EmbeddedPostgres server() {
    if (server == null) {
      try {
        EmbeddedPostgres started = EmbeddedPostgres.builder().start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(started)));
        server = started;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
      }
    }
    return server;
  }

  private static void closeQuietly(EmbeddedPostgres pg) {
    try {
      pg.close();
    } catch (IOException e) {
      // the JVM is exiting; the data directory is under target/ and goes with the next clean
    }
  }
}
