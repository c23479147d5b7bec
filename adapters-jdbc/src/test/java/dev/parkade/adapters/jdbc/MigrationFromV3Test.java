package dev.parkade.adapters.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parkade.domain.Facility;
import dev.parkade.domain.FacilityId;
import dev.parkade.domain.LicensePlate;
import dev.parkade.domain.ParkingException;
import dev.parkade.domain.ParkingFailure;
import dev.parkade.domain.ParkingSession;
import dev.parkade.domain.SessionId;
import dev.parkade.domain.SpotFeature;
import dev.parkade.domain.SpotFeatures;
import dev.parkade.domain.SpotId;
import dev.parkade.domain.UserId;
import dev.parkade.domain.port.Fixtures;
import dev.parkade.domain.port.NewSession;
import dev.parkade.domain.port.Occupancy;
import dev.parkade.domain.port.Spot;
import dev.parkade.domain.port.SpotState;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * An existing database upgrades in place: one migrated to V3 only, holding spots, an active and an
 * ended session and its counts, is migrated to the latest version by opening it, and everything is
 * still there, in the facility {@code default} with no features, and works.
 */
class MigrationFromV3Test {
  private static final Instant STARTED = Fixtures.at(0);
  private static final Instant ENDED = Fixtures.at(60);

  @Test
  void h2DatabaseAtV3_upgradesInPlace_keepingEverySpotAndSession() {
    upgradesInPlace(JdbcSettings.of("jdbc:h2:mem:migration_from_v3;DB_CLOSE_DELAY=-1", "sa", ""));
  }

  @Test
  void postgresDatabaseAtV3_upgradesInPlace_keepingEverySpotAndSession() {
    upgradesInPlace(JdbcSettings.of(TestDatabase.newPostgresDatabase(), "postgres", "postgres"));
  }

  private static void upgradesInPlace(JdbcSettings settings) {
    Flyway.configure()
        .dataSource(settings.url(), settings.user(), settings.password())
        .locations("classpath:db/migration")
        .target("3")
        .load()
        .migrate();
    writeAsV3Did(Jdbi.create(settings.url(), settings.user(), settings.password()));

    try (JdbcStorage storage = JdbcStorage.open(settings)) {
      JdbcParkingLot lot = storage.lot();
      ParkingSession active =
          ParkingSession.started(
              new SessionId("s-1"),
              new UserId("u1"),
              new LicensePlate("P1"),
              new SpotId("L1"),
              STARTED);
      ParkingSession ended =
          ParkingSession.started(
                  new SessionId("s-2"),
                  new UserId("u2"),
                  new LicensePlate("P2"),
                  new SpotId("L2"),
                  STARTED)
              .endedAt(ENDED);

      assertEquals(List.of(Facility.DEFAULT), lot.all());
      assertEquals(
          List.of(
              new Spot(new SpotId("L1"), SpotState.OCCUPIED),
              new Spot(new SpotId("L2"), SpotState.FREE),
              new Spot(new SpotId("L3"), SpotState.FREE)),
          lot.spots(Optional.empty(), 10));
      assertEquals(Optional.of(active), lot.find(active.id()));
      assertEquals(Optional.of(active), lot.activeSessionOf(active.userId()));
      assertEquals(List.of(active), lot.activeSessions(Optional.empty(), 10));
      assertEquals(Optional.of(ended), lot.find(ended.id()));
      assertEquals(List.of(ended), lot.endedSessions(Optional.empty(), 10));
      assertEquals(new Occupancy(3, 2), lot.occupancy());
      assertEquals(
          new Occupancy(3, 2), lot.counts(FacilityId.DEFAULT).orElseThrow().of(SpotFeatures.NONE));
      assertEquals(new Occupancy(3, 2), lot.counts(FacilityId.DEFAULT).orElseThrow().all());

      // And the upgraded lot works: ends, typed starts, new spots.
      lot.end(active.id(), ENDED);
      assertEquals(new Occupancy(3, 3), lot.counts(FacilityId.DEFAULT).orElseThrow().all());
      assertRefused(
          ParkingFailure.NO_SPOTS_AVAILABLE,
          () ->
              lot.start(
                  new NewSession(
                      new SessionId("s-3"),
                      new UserId("u3"),
                      new LicensePlate("P3"),
                      ENDED,
                      FacilityId.DEFAULT,
                      SpotFeatures.of(SpotFeature.EV_CHARGING))));
      lot.add(
          FacilityId.DEFAULT, SpotFeatures.of(SpotFeature.EV_CHARGING), List.of(new SpotId("E1")));
      ParkingSession ev =
          lot.start(
              new NewSession(
                  new SessionId("s-4"),
                  new UserId("u3"),
                  new LicensePlate("P3"),
                  ENDED,
                  FacilityId.DEFAULT,
                  SpotFeatures.of(SpotFeature.EV_CHARGING)));
      assertEquals(new SpotId("E1"), ev.spotId());
      assertEquals(new Occupancy(4, 3), lot.occupancy());
      assertEquals(
          List.of(ended, active.endedAt(ENDED)), // newest first: same end time, then id
          lot.endedSessions(Optional.empty(), 10));
    }
  }

  /** What the V1 to V3 adapter wrote for three spots, one session active and one ended. */
  private static void writeAsV3Did(Jdbi jdbi) {
    jdbi.useHandle(
        h -> {
          h.execute("INSERT INTO spot (id, free) VALUES ('L1', FALSE), ('L2', TRUE), ('L3', TRUE)");
          h.createUpdate(
                  "INSERT INTO active_session (id, user_id, plate, spot_id, started_at)"
                      + " VALUES ('s-1', 'u1', 'P1', 'L1', :started)")
              .bind("started", SessionRows.timestamp(STARTED))
              .execute();
          h.createUpdate(
                  "INSERT INTO ended_session (id, user_id, plate, spot_id, started_at, ended_at)"
                      + " VALUES ('s-2', 'u2', 'P2', 'L2', :started, :ended)")
              .bind("started", SessionRows.timestamp(STARTED))
              .bind("ended", SessionRows.timestamp(ENDED))
              .execute();
          // The counts striped as the adapter left them: adds and starts on different stripes.
          h.execute("UPDATE lot_counter SET total = 3, free = 3 WHERE stripe = 5");
          h.execute("UPDATE lot_counter SET free = -1 WHERE stripe = 41");
        });
  }

  private static void assertRefused(ParkingFailure expected, Executable action) {
    ParkingException refused =
        org.junit.jupiter.api.Assertions.assertThrows(ParkingException.class, action);
    assertEquals(expected, refused.failure());
  }
}
