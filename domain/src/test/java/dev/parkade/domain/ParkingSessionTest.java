package dev.parkade.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ParkingSessionTest {
  private static final Instant START = Instant.parse("2026-11-24T10:00:00Z");
  private final ParkingSession active =
      ParkingSession.started(
          new SessionId("s-1"),
          new UserId("alice"),
          new LicensePlate("AB1"),
          new SpotId("L1-001"),
          START);

  @Test
  void started_isActive_withoutEndTime() {
    assertTrue(active.isActive());
    assertEquals(SessionStatus.ACTIVE, active.status());
    assertEquals(Optional.empty(), active.endTime());
  }

  @Test
  void endedAt_givesEndedRecord_keepingEverythingElse() {
    ParkingSession ended = active.endedAt(START.plusSeconds(90));

    assertFalse(ended.isActive());
    assertEquals(SessionStatus.ENDED, ended.status());
    assertEquals(Optional.of(START.plusSeconds(90)), ended.endTime());
    assertEquals(active.id(), ended.id());
    assertEquals(active.spotId(), ended.spotId());
    assertTrue(active.isActive(), "the active record is unchanged");
  }

  @Test
  void endedAt_beforeTheStart_isClampedToTheStart() {
    assertEquals(Optional.of(START), active.endedAt(START.minusSeconds(5)).endTime());
  }

  @Test
  void endTimeOf_keepsALaterTime_andClampsAnEarlierOneToTheStart() {
    assertEquals(START.plusSeconds(7), ParkingSession.endTimeOf(START, START.plusSeconds(7)));
    assertEquals(START, ParkingSession.endTimeOf(START, START.minusNanos(1)));
  }

  @Test
  void endedAt_ofEndedSession_isRefused() {
    ParkingSession ended = active.endedAt(START.plusSeconds(1));
    assertThrows(IllegalStateException.class, () -> ended.endedAt(START.plusSeconds(2)));
  }

  @Test
  void construction_withEndBeforeStart_isRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new ParkingSession(
                active.id(),
                active.userId(),
                active.plate(),
                active.spotId(),
                START,
                Optional.of(START.minusSeconds(1))));
  }

  @Test
  void failures_carryTheContractCodesAndMessages() {
    assertEquals("USER_HAS_ACTIVE_SESSION", ParkingFailure.USER_HAS_ACTIVE_SESSION.code());
    assertEquals(
        "User already has an active parking session",
        ParkingFailure.USER_HAS_ACTIVE_SESSION.message());
    assertEquals(
        "Vehicle already has an active parking session",
        ParkingFailure.VEHICLE_ALREADY_PARKED.message());
    assertEquals("No parking spots available", ParkingFailure.NO_SPOTS_AVAILABLE.message());
    assertEquals("No active parking session", ParkingFailure.NO_ACTIVE_SESSION.message());

    ParkingException refused = new ParkingException(ParkingFailure.SPOT_EXISTS, "L1-001");
    assertEquals(ParkingFailure.SPOT_EXISTS, refused.failure());
    assertEquals("Parking spot already exists", refused.getMessage());
    assertEquals(Optional.of("L1-001"), refused.subject());
    assertEquals(0, refused.getStackTrace().length, "an expected outcome carries no stack trace");
    assertEquals(Optional.empty(), ParkingFailure.NO_SPOTS_AVAILABLE.exception().subject());
  }
}
