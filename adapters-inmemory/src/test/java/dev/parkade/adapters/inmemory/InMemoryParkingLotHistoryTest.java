package dev.parkade.adapters.inmemory;

import static dev.parkade.domain.port.Fixtures.at;
import static dev.parkade.domain.port.Fixtures.plate;
import static dev.parkade.domain.port.Fixtures.sessionId;
import static dev.parkade.domain.port.Fixtures.spotIds;
import static dev.parkade.domain.port.Fixtures.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.parkade.domain.ParkingSession;
import dev.parkade.domain.port.NewSession;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The in-memory adapter keeps a bounded history, oldest dropped first. */
class InMemoryParkingLotHistoryTest {

  private static List<ParkingSession> endThree(InMemoryParkingLot lot) {
    lot.add(spotIds(1));
    List<ParkingSession> ended = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      lot.start(new NewSession(sessionId(i), user(i), plate(i), at(i)));
      ended.add(lot.endActiveSessionOf(user(i), at(10 + i)));
    }
    return ended;
  }

  @Test
  void pastTheLimit_theOldestEndedSessionsAreDropped_andNoLongerFound() {
    InMemoryParkingLot lot = new InMemoryParkingLot(2);
    List<ParkingSession> ended = endThree(lot);

    assertEquals(List.of(ended.get(2), ended.get(1)), lot.endedSessions(Optional.empty(), 10));
    assertEquals(Optional.empty(), lot.find(ended.get(0).id()));
    assertEquals(Optional.of(ended.get(1)), lot.find(ended.get(1).id()));
  }

  @Test
  void withNoHistory_endedSessionsAreForgottenAtOnce() {
    InMemoryParkingLot lot = new InMemoryParkingLot(0);
    List<ParkingSession> ended = endThree(lot);

    assertEquals(List.of(), lot.endedSessions(Optional.empty(), 10));
    assertEquals(Optional.empty(), lot.find(ended.get(2).id()));
  }

  @Test
  void aNegativeLimit_isRefused() {
    assertThrows(IllegalArgumentException.class, () -> new InMemoryParkingLot(-1));
  }
}
