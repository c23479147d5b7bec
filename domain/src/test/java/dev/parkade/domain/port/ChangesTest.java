package dev.parkade.domain.port;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parkade.domain.FacilityId;
import dev.parkade.domain.SessionId;
import dev.parkade.domain.UserId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What a relay carries between servers, and the relay of a server alone on its storage. */
class ChangesTest {
  private static final SessionChange ALICE =
      new SessionChange(new UserId("alice"), new SessionId("s-1"));

  @Test
  void changes_areEmptyOnlyWithNothingNamed_andNoResync() {
    assertTrue(Changes.NONE.isEmpty());
    assertFalse(new Changes(Set.of(FacilityId.DEFAULT), List.of(), false).isEmpty());
    assertFalse(new Changes(Set.of(), List.of(ALICE), false).isEmpty());
    assertFalse(new Changes(Set.of(), List.of(), true).isEmpty());
    assertFalse(new Changes(Set.of(), List.of(), false, true).isEmpty());
    assertTrue(Changes.lost().resync() && Changes.lost().sessionsLost());
    assertFalse(new Changes(Set.of(), List.of(), true).sessionsLost());
  }

  @Test
  void changes_keepACopy_ofWhatTheyWereGiven() {
    Set<FacilityId> facilities = new HashSet<>(Set.of(FacilityId.DEFAULT));
    List<SessionChange> sessions = new ArrayList<>(List.of(ALICE));
    Changes changes = new Changes(facilities, sessions, false);
    facilities.clear();
    sessions.clear();
    assertEquals(Set.of(FacilityId.DEFAULT), changes.facilities());
    assertEquals(List.of(ALICE), changes.sessions());
  }

  @Test
  @SuppressWarnings("NullAway") // passes null on purpose: the records refuse it
  void aSessionChange_namesItsDriverAndSession() {
    assertThrows(NullPointerException.class, () -> new SessionChange(null, new SessionId("s")));
    assertThrows(NullPointerException.class, () -> new SessionChange(new UserId("u"), null));
    assertThrows(NullPointerException.class, () -> new Changes(null, List.of(), false));
  }

  @Test
  void aServerAloneOnItsStorage_relaysNothing_andHearsNothing() {
    List<Changes> heard = new ArrayList<>();
    ChangeRelay.NONE.listen(heard::add);
    ChangeRelay.NONE.send(new Changes(Set.of(FacilityId.DEFAULT), List.of(ALICE), true));
    ChangeRelay.NONE.close();
    assertFalse(ChangeRelay.NONE.isShared());
    assertEquals(List.of(), heard);
  }
}
