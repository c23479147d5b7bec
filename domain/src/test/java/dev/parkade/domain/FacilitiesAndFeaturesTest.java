package dev.parkade.domain;

import static dev.parkade.domain.SpotFeature.ACCESSIBLE;
import static dev.parkade.domain.SpotFeature.EV_CHARGING;
import static dev.parkade.domain.SpotFeature.MOTORCYCLE;
import static dev.parkade.domain.SpotFeature.WIDE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FacilitiesAndFeaturesTest {

  private static void assertInvalid(String field, Runnable construction) {
    InvalidValueException invalid = assertThrows(InvalidValueException.class, construction::run);
    assertEquals(field, invalid.field());
  }

  @Test
  void facilityId_ofTheAllowedAlphabet_isKeptAsWritten_andOrdersAsWritten() {
    assertEquals("Centrum_P1.a-b", new FacilityId("Centrum_P1.a-b").value());
    assertEquals("x".repeat(32), new FacilityId("x".repeat(32)).toString());
    assertTrue(new FacilityId("a").compareTo(new FacilityId("b")) < 0);
    assertEquals("default", FacilityId.DEFAULT.value());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "has space", "ümlaut", "slash/", "123456789012345678901234567890123"})
  void facilityId_outsideTheAlphabetOrLength_isRefusedNamingTheField(String raw) {
    assertInvalid("facilityId", () -> new FacilityId(raw));
  }

  @Test
  void location_withinRange_isKept_andOutOfRangeOrNaN_isRefusedNamingTheCoordinate() {
    assertEquals(60.1699, new Location(60.1699, 24.9384).lat());
    new Location(-90, 180);
    new Location(90, -180);
    assertInvalid("location.lat", () -> new Location(90.0001, 0));
    assertInvalid("location.lat", () -> new Location(Double.NaN, 0));
    assertInvalid("location.lon", () -> new Location(0, -180.5));
    assertInvalid("location.lon", () -> new Location(0, Double.POSITIVE_INFINITY));
  }

  @Test
  @SuppressWarnings("NullAway") // passes null on purpose: a name from outside may be missing
  void facility_needsANameOf1To200Characters_andAnAddressOf1To500() {
    Facility f =
        new Facility(
            new FacilityId("centrum"),
            "Centrum P1",
            Optional.of(new Location(1, 2)),
            Optional.of("Mannerheimintie 1"));
    assertEquals("Centrum P1", f.name());
    new Facility(f.id(), "n".repeat(200), Optional.empty(), Optional.empty());
    assertInvalid("name", () -> new Facility(f.id(), "", Optional.empty(), Optional.empty()));
    assertInvalid(
        "name", () -> new Facility(f.id(), "n".repeat(201), Optional.empty(), Optional.empty()));
    assertInvalid("name", () -> new Facility(f.id(), null, Optional.empty(), Optional.empty()));
    assertInvalid("address", () -> new Facility(f.id(), "n", Optional.empty(), Optional.of("")));
    assertInvalid(
        "address", () -> new Facility(f.id(), "n", Optional.empty(), Optional.of("a".repeat(501))));
    assertEquals("Default", Facility.DEFAULT.name());
    assertEquals(FacilityId.DEFAULT, Facility.DEFAULT.id());
  }

  @Test
  void spotFeatures_areAMaskOfFourBits_sharedPerClass() {
    SpotFeatures evWide = SpotFeatures.of(EV_CHARGING, WIDE);
    assertEquals(0b101, evWide.mask());
    assertEquals(EnumSet.of(EV_CHARGING, WIDE), evWide.set());
    assertEquals(2, evWide.size());
    assertTrue(evWide.has(WIDE));
    assertFalse(evWide.has(ACCESSIBLE));
    assertTrue(evWide.hasAll(SpotFeatures.of(EV_CHARGING)));
    assertFalse(evWide.hasAll(SpotFeatures.of(MOTORCYCLE)));
    assertTrue(evWide.hasAll(SpotFeatures.NONE));
    assertEquals(evWide, SpotFeatures.of(List.of(WIDE, EV_CHARGING)));
    assertEquals(SpotFeatures.of(), SpotFeatures.NONE);
    assertEquals(16, SpotFeatures.CLASSES);
    assertEquals("[EV_CHARGING, WIDE]", evWide.toString());
    for (int mask = 0; mask < 16; mask++) {
      assertEquals(mask, SpotFeatures.ofMask(mask).mask());
      assertEquals(SpotFeatures.of(SpotFeatures.ofMask(mask).set()), SpotFeatures.ofMask(mask));
    }
    assertInvalid("features", () -> SpotFeatures.ofMask(16));
    assertInvalid("features", () -> SpotFeatures.ofMask(-1));
  }

  @Test
  void bestFit_forNoNeeds_triesPlainFirst_thenOneExtra_neverAccessible() {
    List<SpotFeatures> order = BestFit.order(SpotFeatures.NONE);
    assertEquals(SpotFeatures.NONE, order.get(0));
    assertEquals(8, order.size()); // every class without ACCESSIBLE
    for (SpotFeatures spot : order) {
      assertFalse(spot.has(ACCESSIBLE));
    }
    assertEquals(SpotFeatures.of(EV_CHARGING, WIDE, MOTORCYCLE), order.get(7));
  }

  @Test
  void bestFit_forAccessible_givesAccessibleClassesOnly_fewestExtrasFirst() {
    List<SpotFeatures> order = BestFit.order(SpotFeatures.of(ACCESSIBLE));
    assertEquals(SpotFeatures.of(ACCESSIBLE), order.get(0));
    assertEquals(8, order.size());
    for (SpotFeatures spot : order) {
      assertTrue(spot.has(ACCESSIBLE));
    }
  }

  @Test
  void bestFit_order_isEveryFittingClassOnce_byExtraFeaturesThenMask() {
    for (int needs = 0; needs < SpotFeatures.CLASSES; needs++) {
      SpotFeatures need = SpotFeatures.ofMask(needs);
      List<SpotFeatures> expected = new ArrayList<>();
      for (int spot = 0; spot < SpotFeatures.CLASSES; spot++) {
        SpotFeatures s = SpotFeatures.ofMask(spot);
        boolean fits = s.hasAll(need) && (!s.has(ACCESSIBLE) || need.has(ACCESSIBLE));
        assertEquals(fits, BestFit.fits(need, s), need + " on " + s);
        if (fits) {
          expected.add(s);
        }
      }
      List<SpotFeatures> order = BestFit.order(need);
      assertEquals(Set.copyOf(expected), Set.copyOf(order));
      assertEquals(expected.size(), order.size());
      assertEquals(order.size(), BestFit.fittingClasses(need));
      for (int rank = 0; rank < order.size(); rank++) {
        assertEquals(order.get(rank).mask(), BestFit.maskAt(need, rank));
        if (rank > 0) {
          SpotFeatures before = order.get(rank - 1);
          SpotFeatures here = order.get(rank);
          int byExtra = Integer.compare(BestFit.extra(need, before), BestFit.extra(need, here));
          assertTrue(byExtra < 0 || (byExtra == 0 && before.mask() < here.mask()));
        }
      }
      assertEquals(need, order.get(0), "what is needed and nothing more fits best");
    }
  }

  @Test
  void startRefusal_facilityComesAfterUserAndVehicle_andBeforeSpots() {
    assertEquals(
        Optional.of(ParkingFailure.USER_HAS_ACTIVE_SESSION),
        StartRefusal.of(true, true, true, true));
    assertEquals(
        Optional.of(ParkingFailure.VEHICLE_ALREADY_PARKED),
        StartRefusal.of(false, true, true, true));
    assertEquals(
        Optional.of(ParkingFailure.FACILITY_NOT_FOUND), StartRefusal.of(false, false, true, true));
    assertEquals(
        Optional.of(ParkingFailure.NO_SPOTS_AVAILABLE), StartRefusal.of(false, false, false, true));
    assertEquals(Optional.empty(), StartRefusal.of(false, false, false, false));
    ParkingException refused =
        assertThrows(ParkingException.class, () -> StartRefusal.check(false, false, true, false));
    assertEquals(ParkingFailure.FACILITY_NOT_FOUND, refused.failure());
    StartRefusal.check(false, false, false, false);
  }

  @Test
  void facilityFailures_carryTheContractsSentences() {
    assertEquals("Facility not found", ParkingFailure.FACILITY_NOT_FOUND.message());
    assertEquals("FACILITY_EXISTS", ParkingFailure.FACILITY_EXISTS.code());
    assertEquals("FACILITY_NOT_EMPTY", ParkingFailure.FACILITY_NOT_EMPTY.code());
  }
}
