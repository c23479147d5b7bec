package dev.parkade.application;

import static dev.parkade.domain.SpotFeature.ACCESSIBLE;
import static dev.parkade.domain.SpotFeature.EV_CHARGING;
import static dev.parkade.domain.port.Fixtures.T0;
import static dev.parkade.domain.port.Fixtures.spotIds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.parkade.domain.Facility;
import dev.parkade.domain.FacilityId;
import dev.parkade.domain.InvalidValueException;
import dev.parkade.domain.LicensePlate;
import dev.parkade.domain.ParkingException;
import dev.parkade.domain.ParkingFailure;
import dev.parkade.domain.ParkingSession;
import dev.parkade.domain.SpotFeatures;
import dev.parkade.domain.SpotId;
import dev.parkade.domain.UserId;
import dev.parkade.domain.port.FacilityCounts;
import dev.parkade.domain.port.Occupancy;
import dev.parkade.domain.port.Spot;
import dev.parkade.domain.port.SpotFilter;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The facility use cases and typed starts over the reference storage. */
class ParkingServiceFacilitiesTest {
  private static final FacilityId CENTRUM = new FacilityId("centrum");
  private static final Facility CENTRUM_P1 =
      new Facility(CENTRUM, "Centrum P1", Optional.empty(), Optional.of("Mannerheimintie 1"));

  private final ReferenceParkingLot lot = new ReferenceParkingLot();
  private final ParkingService service =
      new ParkingService(lot, lot, new MutableClock(T0), new CountingSessionIds());

  private static void assertRefused(ParkingFailure failure, Executable action) {
    assertEquals(failure, assertThrows(ParkingException.class, action).failure());
  }

  private ParkingSession park(int driver, FacilityId facility, SpotFeatures needs) {
    return service.startSession(
        new StartSession(
            new UserId("u" + driver), new LicensePlate("P" + driver), facility, needs));
  }

  @Test
  void createFacility_answersItWithNoSpots_andItIsListedWithTheDefault() {
    FacilityStatus created = service.createFacility(CENTRUM_P1);

    assertEquals(new FacilityStatus(CENTRUM_P1, FacilityCounts.empty(CENTRUM)), created);
    assertEquals(created, service.facility(CENTRUM));
    assertEquals(
        List.of(
            created,
            new FacilityStatus(Facility.DEFAULT, FacilityCounts.empty(FacilityId.DEFAULT))),
        service.facilities());
    assertRefused(ParkingFailure.FACILITY_EXISTS, () -> service.createFacility(CENTRUM_P1));
  }

  @Test
  void facility_unknown_failsWithFacilityNotFound_asDoItsCountsAndItsListing() {
    assertRefused(ParkingFailure.FACILITY_NOT_FOUND, () -> service.facility(CENTRUM));
    assertRefused(ParkingFailure.FACILITY_NOT_FOUND, () -> service.occupancy(CENTRUM));
    assertRefused(
        ParkingFailure.FACILITY_NOT_FOUND,
        () -> service.availableSpots(SpotFilter.in(CENTRUM), 10));
    assertRefused(ParkingFailure.FACILITY_NOT_FOUND, () -> service.deleteFacility(CENTRUM));
  }

  @Test
  void deleteFacility_ofTheDefault_isInvalid_andOfAnEmptyOne_removesIt() {
    InvalidValueException invalid =
        assertThrows(InvalidValueException.class, () -> service.deleteFacility(FacilityId.DEFAULT));
    assertEquals("facilityId", invalid.field());
    service.createFacility(CENTRUM_P1);
    service.addSpots(CENTRUM, SpotFeatures.NONE, spotIds("C-", 1));
    assertRefused(ParkingFailure.FACILITY_NOT_EMPTY, () -> service.deleteFacility(CENTRUM));
    service.removeSpot(new SpotId("C-001"));

    service.deleteFacility(CENTRUM);

    assertRefused(ParkingFailure.FACILITY_NOT_FOUND, () -> service.facility(CENTRUM));
  }

  @Test
  void startSession_withNeeds_getsAFittingSpotOfItsFacility_andTheCountsFollow() {
    service.createFacility(CENTRUM_P1);
    service.addSpots(CENTRUM, SpotFeatures.of(EV_CHARGING), spotIds("CE-", 2));
    service.addSpots(CENTRUM, SpotFeatures.NONE, spotIds("C-", 3));
    service.addSpots(spotIds(4));

    ParkingSession ev = park(1, CENTRUM, SpotFeatures.of(EV_CHARGING));
    park(2, CENTRUM, SpotFeatures.NONE);

    assertEquals(SpotFeatures.of(EV_CHARGING), ev.spotFeatures());
    FacilityCounts counts = service.occupancy(CENTRUM);
    assertEquals(new Occupancy(5, 3), counts.all());
    assertEquals(new Occupancy(2, 1), counts.byFeature().get(EV_CHARGING));
    assertEquals(counts, service.facility(CENTRUM).counts());
    assertEquals(new Occupancy(9, 7), service.occupancy());
    assertRefused(
        ParkingFailure.NO_SPOTS_AVAILABLE, () -> park(3, CENTRUM, SpotFeatures.of(ACCESSIBLE)));
    assertRefused(
        ParkingFailure.FACILITY_NOT_FOUND,
        () -> park(4, new FacilityId("harbour"), SpotFeatures.NONE));
  }

  @Test
  void availableSpots_countAndListWhatTheFilterShows() {
    service.createFacility(CENTRUM_P1);
    service.addSpots(CENTRUM, SpotFeatures.of(EV_CHARGING), spotIds("CE-", 2));
    service.addSpots(CENTRUM, SpotFeatures.NONE, spotIds("C-", 3));
    service.addSpots(FacilityId.DEFAULT, SpotFeatures.of(EV_CHARGING), spotIds("DE-", 1));
    service.addSpots(spotIds(4));
    park(1, CENTRUM, SpotFeatures.of(EV_CHARGING));
    SpotFilter ev = SpotFilter.ALL.having(SpotFeatures.of(EV_CHARGING));

    AvailableSpots evEverywhere = service.availableSpots(ev, 10);
    AvailableSpots evInCentrum =
        service.availableSpots(SpotFilter.in(CENTRUM).having(ev.features()), 10);
    AvailableSpots centrum = service.availableSpots(SpotFilter.in(CENTRUM), 2);
    AvailableSpots all = service.availableSpots(100);

    assertEquals(2, evEverywhere.available());
    assertEquals(2, evEverywhere.spots().size());
    assertEquals(1, evInCentrum.available());
    assertEquals(4, centrum.available());
    assertEquals(2, centrum.spots().size());
    assertEquals(9, all.available());
    assertEquals(9, all.spots().size());
  }

  @Test
  void spots_filtered_arePagedInIdOrder() {
    service.createFacility(CENTRUM_P1);
    service.addSpots(CENTRUM, SpotFeatures.of(EV_CHARGING), spotIds("CE-", 3));
    service.addSpots(spotIds(2));

    SpotPage first = service.spots(SpotFilter.in(CENTRUM), Optional.empty(), 2);
    SpotPage second = service.spots(SpotFilter.in(CENTRUM), first.next(), 2);

    assertEquals(
        List.of(new SpotId("CE-001"), new SpotId("CE-002")),
        first.spots().stream().map(Spot::id).toList());
    assertEquals(Optional.of(new SpotId("CE-002")), first.next());
    assertEquals(List.of(new SpotId("CE-003")), second.spots().stream().map(Spot::id).toList());
    assertEquals(Optional.empty(), second.next());
    assertEquals(CENTRUM, second.spots().get(0).facility());
  }

  @Test
  void facilityStatus_refusesCountsOfAnotherFacility() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new FacilityStatus(CENTRUM_P1, FacilityCounts.empty(FacilityId.DEFAULT)));
  }

  @Test
  void startSession_v1Command_meansTheDefaultFacilityAndNoNeeds() {
    StartSession v1 = new StartSession(new UserId("u"), new LicensePlate("P"));
    assertEquals(FacilityId.DEFAULT, v1.facility());
    assertEquals(SpotFeatures.NONE, v1.needs());
  }
}
