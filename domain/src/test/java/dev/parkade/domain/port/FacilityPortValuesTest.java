package dev.parkade.domain.port;

import static dev.parkade.domain.SpotFeature.ACCESSIBLE;
import static dev.parkade.domain.SpotFeature.EV_CHARGING;
import static dev.parkade.domain.port.Fixtures.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parkade.domain.FacilityId;
import dev.parkade.domain.LicensePlate;
import dev.parkade.domain.ParkingSession;
import dev.parkade.domain.SessionId;
import dev.parkade.domain.SpotFeature;
import dev.parkade.domain.SpotFeatures;
import dev.parkade.domain.SpotId;
import dev.parkade.domain.UserId;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FacilityPortValuesTest {
  private static final FacilityId CENTRUM = new FacilityId("centrum");

  @Test
  void v1Constructors_meanTheDefaultFacilityAndNoFeatures() {
    NewSession start =
        new NewSession(new SessionId("s"), new UserId("u"), new LicensePlate("P"), at(0));
    assertEquals(FacilityId.DEFAULT, start.facility());
    assertEquals(SpotFeatures.NONE, start.needs());
    Spot spot = new Spot(new SpotId("L1"), SpotState.FREE);
    assertEquals(FacilityId.DEFAULT, spot.facility());
    assertEquals(SpotFeatures.NONE, spot.features());
    ParkingSession session =
        ParkingSession.started(
            new SessionId("s"), new UserId("u"), new LicensePlate("P"), new SpotId("L1"), at(0));
    assertEquals(FacilityId.DEFAULT, session.facilityId());
    assertEquals(SpotFeatures.NONE, session.spotFeatures());
  }

  @Test
  void aStart_recordsItsSessionOnTheSpotGiven_inItsFacility() {
    NewSession start =
        new NewSession(
            new SessionId("s"),
            new UserId("u"),
            new LicensePlate("P"),
            at(1),
            CENTRUM,
            SpotFeatures.of(EV_CHARGING));

    ParkingSession session =
        start.startedOn(new SpotId("E1"), SpotFeatures.of(EV_CHARGING, ACCESSIBLE));

    assertEquals(
        ParkingSession.started(
            new SessionId("s"),
            new UserId("u"),
            new LicensePlate("P"),
            new SpotId("E1"),
            at(1),
            CENTRUM,
            SpotFeatures.of(EV_CHARGING, ACCESSIBLE)),
        session);
  }

  @Test
  void anEndedSession_keepsItsSpotsFacilityAndFeatures() {
    ParkingSession session =
        ParkingSession.started(
            new SessionId("s"),
            new UserId("u"),
            new LicensePlate("P"),
            new SpotId("L1"),
            at(0),
            CENTRUM,
            SpotFeatures.of(EV_CHARGING));
    ParkingSession ended = session.endedAt(at(3));
    assertEquals(CENTRUM, ended.facilityId());
    assertEquals(SpotFeatures.of(EV_CHARGING), ended.spotFeatures());
    assertEquals(Optional.of(at(3)), ended.endTime());
  }

  @Test
  void spotFilter_showsSpotsOfItsFacilityHavingEveryRequiredFeature() {
    SpotFilter evInCentrum = SpotFilter.in(CENTRUM).having(SpotFeatures.of(EV_CHARGING));
    assertTrue(evInCentrum.matches(CENTRUM, SpotFeatures.of(EV_CHARGING, ACCESSIBLE)));
    assertFalse(evInCentrum.matches(CENTRUM, SpotFeatures.of(ACCESSIBLE)));
    assertFalse(evInCentrum.matches(FacilityId.DEFAULT, SpotFeatures.of(EV_CHARGING)));
    assertTrue(evInCentrum.matchesClass(SpotFeatures.of(EV_CHARGING)));
    assertTrue(SpotFilter.ALL.matches(CENTRUM, SpotFeatures.NONE));
    assertTrue(SpotFilter.ALL.matchesClass(SpotFeatures.of(ACCESSIBLE)));
  }

  @Test
  void facilityCounts_sumTheClasses_forTheFacilityAndEachFeature() {
    long[] total = new long[16];
    long[] free = new long[16];
    total[0] = 10; // plain
    free[0] = 4;
    total[SpotFeatures.of(EV_CHARGING).mask()] = 3;
    free[SpotFeatures.of(EV_CHARGING).mask()] = 1;
    total[SpotFeatures.of(EV_CHARGING, ACCESSIBLE).mask()] = 2;
    free[SpotFeatures.of(EV_CHARGING, ACCESSIBLE).mask()] = 2;
    FacilityCounts counts = new FacilityCounts(CENTRUM, total, free);

    assertEquals(CENTRUM, counts.facility());
    assertEquals(new Occupancy(15, 7), counts.all());
    assertEquals(new Occupancy(5, 3), counts.having(SpotFeatures.of(EV_CHARGING)));
    assertEquals(new Occupancy(3, 1), counts.of(SpotFeatures.of(EV_CHARGING)));
    assertEquals(new Occupancy(5, 3), counts.byFeature().get(EV_CHARGING));
    assertEquals(new Occupancy(2, 2), counts.byFeature().get(ACCESSIBLE));
    assertEquals(new Occupancy(0, 0), counts.byFeature().get(SpotFeature.WIDE));
    assertEquals(4, counts.byFeature().size());
    assertEquals(counts, new FacilityCounts(CENTRUM, total, free));
    assertEquals(counts.hashCode(), new FacilityCounts(CENTRUM, total, free).hashCode());
    assertNotEquals(counts, FacilityCounts.empty(CENTRUM));
    assertEquals(new Occupancy(0, 0), FacilityCounts.empty(CENTRUM).all());
    assertTrue(counts.toString().contains("centrum"));
    free[0] = 11;
    assertThrows(IllegalArgumentException.class, () -> new FacilityCounts(CENTRUM, total, free));
    assertThrows(
        IllegalArgumentException.class,
        () -> new FacilityCounts(CENTRUM, new long[15], new long[16]));
  }
}
