package dev.parkade.domain.port;

import static dev.parkade.domain.port.Fixtures.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parkade.domain.LicensePlate;
import dev.parkade.domain.ParkingSession;
import dev.parkade.domain.SessionId;
import dev.parkade.domain.SpotId;
import dev.parkade.domain.UserId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PortValuesTest {
  private final ParkingSession active =
      ParkingSession.started(
          new SessionId("s-1"),
          new UserId("alice"),
          new LicensePlate("AB1"),
          new SpotId("L1-001"),
          at(0));

  @Test
  void occupancy_derivesOccupied_andRefusesImpossibleCounts() {
    assertEquals(3, new Occupancy(10, 7).occupied());
    assertThrows(IllegalArgumentException.class, () -> new Occupancy(10, 11));
    assertThrows(IllegalArgumentException.class, () -> new Occupancy(10, -1));
  }

  @Test
  @SuppressWarnings("NullAway") // passes null on purpose: the records refuse it
  void records_refuseMissingParts() {
    assertThrows(
        NullPointerException.class,
        () -> new NewSession(new SessionId("s"), new UserId("u"), new LicensePlate("P"), null));
    assertThrows(NullPointerException.class, () -> new Spot(new SpotId("L1"), null));
    assertThrows(NullPointerException.class, () -> new EndedSessionKey(at(0), null));
    assertEquals(SpotState.FREE, new Spot(new SpotId("L1"), SpotState.FREE).state());
  }

  @Test
  void endedSessionKeys_sortNewestFirst_thenByIdDescending() {
    EndedSessionKey early = new EndedSessionKey(at(1), new SessionId("b"));
    EndedSessionKey lateA = new EndedSessionKey(at(2), new SessionId("a"));
    EndedSessionKey lateB = new EndedSessionKey(at(2), new SessionId("b"));
    List<EndedSessionKey> keys = new ArrayList<>(List.of(early, lateA, lateB));

    keys.sort(EndedSessionKey.NEWEST_FIRST);

    assertEquals(List.of(lateB, lateA, early), keys);
  }

  @Test
  void endedSessionKey_isTakenFromAnEndedSessionOnly() {
    ParkingSession ended = active.endedAt(at(5));

    assertEquals(new EndedSessionKey(at(5), active.id()), EndedSessionKey.of(ended));
    IllegalArgumentException refused =
        assertThrows(IllegalArgumentException.class, () -> EndedSessionKey.of(active));
    assertTrue(String.valueOf(refused.getMessage()).contains("active"));
  }
}
