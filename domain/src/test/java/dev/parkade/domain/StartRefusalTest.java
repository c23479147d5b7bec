package dev.parkade.domain;

import static dev.parkade.domain.ParkingFailure.NO_SPOTS_AVAILABLE;
import static dev.parkade.domain.ParkingFailure.USER_HAS_ACTIVE_SESSION;
import static dev.parkade.domain.ParkingFailure.VEHICLE_ALREADY_PARKED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class StartRefusalTest {

  @Test
  void of_whenTheUserIsActive_refusesForTheUser_whateverElseWasFound() {
    for (boolean plateActive : new boolean[] {false, true}) {
      for (boolean noSpotFree : new boolean[] {false, true}) {
        assertEquals(
            Optional.of(USER_HAS_ACTIVE_SESSION), StartRefusal.of(true, plateActive, noSpotFree));
      }
    }
  }

  @Test
  void of_whenOnlyThePlateIsActive_refusesForTheVehicle_whetherOrNotASpotIsFree() {
    assertEquals(Optional.of(VEHICLE_ALREADY_PARKED), StartRefusal.of(false, true, false));
    assertEquals(Optional.of(VEHICLE_ALREADY_PARKED), StartRefusal.of(false, true, true));
  }

  @Test
  void of_whenNeitherIsActive_andNoSpotIsFree_refusesForTheSpots() {
    assertEquals(Optional.of(NO_SPOTS_AVAILABLE), StartRefusal.of(false, false, true));
  }

  @Test
  void of_whenNothingRefuses_answersNone() {
    assertEquals(Optional.empty(), StartRefusal.of(false, false, false));
  }

  @Test
  void check_throwsTheRefusal_orNothing() {
    ParkingException refused =
        assertThrows(ParkingException.class, () -> StartRefusal.check(false, true, true));
    assertEquals(VEHICLE_ALREADY_PARKED, refused.failure());

    StartRefusal.check(false, false, false);
  }
}
