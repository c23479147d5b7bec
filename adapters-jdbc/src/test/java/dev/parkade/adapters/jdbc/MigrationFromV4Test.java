package dev.parkade.adapters.jdbc;

import static dev.parkade.domain.port.Fixtures.T0;
import static dev.parkade.domain.port.Fixtures.plate;
import static dev.parkade.domain.port.Fixtures.sessionId;
import static dev.parkade.domain.port.Fixtures.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.parkade.domain.port.KeyedAnswer;
import dev.parkade.domain.port.KeyedRequest;
import dev.parkade.domain.port.NewSession;
import dev.parkade.domain.port.Occupancy;
import java.time.Duration;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/**
 * A database at V4 gains the key table by being opened, keeps its spots, and takes keyed writes at
 * once.
 */
class MigrationFromV4Test {

  @Test
  void h2DatabaseAtV4_upgradesInPlace_andTakesKeyedWrites() {
    upgradesInPlace(JdbcSettings.of("jdbc:h2:mem:migration_from_v4;DB_CLOSE_DELAY=-1", "sa", ""));
  }

  @Test
  void postgresDatabaseAtV4_upgradesInPlace_andTakesKeyedWrites() {
    upgradesInPlace(JdbcSettings.of(TestDatabase.newPostgresDatabase(), "postgres", "postgres"));
  }

  private static void upgradesInPlace(JdbcSettings settings) {
    Flyway.configure()
        .dataSource(settings.url(), settings.user(), settings.password())
        .locations("classpath:db/migration")
        .target("4")
        .load()
        .migrate();
    Jdbi.create(settings.url(), settings.user(), settings.password())
        .useHandle(
            h -> {
              h.execute(
                  "INSERT INTO spot (id, free, facility_id, feature_class)"
                      + " VALUES ('L1', TRUE, 'default', 0)");
              h.execute("UPDATE lot_counter SET total = 1, free = 1 WHERE stripe = 3");
              h.execute(
                  "UPDATE class_counter SET total = 1, free = 1"
                      + " WHERE facility_id = 'default' AND feature_class = 0 AND stripe = 3");
            });

    try (JdbcStorage storage = JdbcStorage.open(settings)) {
      KeyedRequest request = IdempotentWritesTests.request(1, "k", T0);
      NewSession session = new NewSession(sessionId(1), user(1), plate(1), T0);

      KeyedAnswer first = storage.idempotentWrites(Duration.ofHours(1)).start(request, session);
      KeyedAnswer repeat = storage.idempotentWrites(Duration.ofHours(1)).start(request, session);

      assertInstanceOf(KeyedAnswer.Fresh.class, first);
      assertEquals(new KeyedAnswer.Replayed(((KeyedAnswer.Fresh) first).outcome()), repeat);
      assertEquals(new Occupancy(1, 0), storage.lot().occupancy());
    }
  }
}
