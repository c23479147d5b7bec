package dev.parkade.adapters.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parkade.domain.FacilityId;
import dev.parkade.domain.SessionId;
import dev.parkade.domain.UserId;
import dev.parkade.domain.port.ChangeRelay;
import dev.parkade.domain.port.Changes;
import dev.parkade.domain.port.SessionChange;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two server processes on one PostgreSQL database telling each other their changes: what one sends
 * the other hears (listening has begun when {@code listen} returns), a process does not hear
 * itself, and a listener whose connection the server killed connects again and asks for everything
 * to be read again.
 */
class PostgresChangeRelayTest {
  @RegisterExtension static final TestDatabase DATABASE = TestDatabase.postgres();

  private static final SessionChange ALICE =
      new SessionChange(new UserId("alice"), new SessionId("s-1"));

  private static Changes poll(BlockingQueue<Changes> heard) throws InterruptedException {
    Changes changes = heard.poll(10, TimeUnit.SECONDS);
    if (changes == null) {
      throw new AssertionError("nothing heard within 10 s");
    }
    return changes;
  }

  @Test
  void whatOneServerSends_theOtherHears_andNotItself() throws Exception {
    ChangeRelay a = DATABASE.anotherNode().changeRelay();
    ChangeRelay b = DATABASE.anotherNode().changeRelay();
    assertTrue(a.isShared());
    BlockingQueue<Changes> heardByA = new LinkedBlockingQueue<>();
    BlockingQueue<Changes> heardByB = new LinkedBlockingQueue<>();
    a.listen(heardByA::add);
    b.listen(heardByB::add);

    Changes sent = new Changes(Set.of(FacilityId.DEFAULT), List.of(ALICE), false);
    a.send(sent);
    assertEquals(sent, poll(heardByB));
    b.send(new Changes(Set.of(), List.of(), true));
    assertTrue(poll(heardByA).resync());
    assertTrue(heardByA.isEmpty(), "a did not hear its own");
    a.close();
    b.close();
  }

  @Test
  void aListenerWhoseConnectionIsKilled_connectsAgain_andAsksForAResync() throws Exception {
    ChangeRelay a = DATABASE.anotherNode().changeRelay();
    ChangeRelay b = DATABASE.anotherNode().changeRelay();
    BlockingQueue<Changes> heardByB = new LinkedBlockingQueue<>();
    b.listen(heardByB::add);

    int killed =
        DATABASE
            .jdbi()
            .withHandle(
                h ->
                    h.createQuery(
                            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                                + " WHERE application_name = 'parkade-listen'")
                        .mapTo(Integer.class)
                        .one());
    assertEquals(1, killed);
    // The resync comes once it listens again: what is sent from then on is heard.
    assertTrue(poll(heardByB).resync(), "what was sent meanwhile is lost: read everything");

    Changes after = new Changes(Set.of(FacilityId.DEFAULT), List.of(), false);
    a.send(after);
    assertEquals(after, poll(heardByB));
    a.close();
    b.close();
  }

  @Test
  void payloads_roundTrip_areSplitBelowTheLimit_andOwnOnesAreDropped() {
    Set<FacilityId> facilities = new HashSet<>();
    List<SessionChange> sessions = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      facilities.add(new FacilityId("facility-" + i));
      sessions.add(new SessionChange(new UserId("user-" + i), new SessionId("session-" + i)));
    }
    Changes big = new Changes(facilities, sessions, true);
    List<String> payloads = ChangePayloads.encode("node-a", big);
    assertTrue(payloads.size() > 1, "split: " + payloads.size());
    for (int i = 0; i + 1 < payloads.size(); i++) {
      String next = payloads.get(i + 1);
      int firstLine = next.indexOf('\n') + 1;
      int end = next.indexOf('\n', firstLine);
      String line = next.substring(firstLine, end < 0 ? next.length() : end);
      assertTrue(
          utf8Bytes(payloads.get(i)) + 1 + utf8Bytes(line) > ChangePayloads.MAX_BYTES,
          "payload " + i + " had room for the next line, so the changes took more than they need");
    }
    Set<FacilityId> heardFacilities = new HashSet<>();
    List<SessionChange> heardSessions = new ArrayList<>();
    boolean resync = false;
    for (String payload : payloads) {
      assertTrue(utf8Bytes(payload) <= ChangePayloads.MAX_BYTES);
      Changes part = ChangePayloads.decode("node-b", payload).orElseThrow();
      heardFacilities.addAll(part.facilities());
      heardSessions.addAll(part.sessions());
      resync |= part.resync();
      assertEquals(Optional.empty(), ChangePayloads.decode("node-a", payload));
    }
    assertEquals(facilities, heardFacilities);
    assertEquals(sessions, heardSessions);
    assertTrue(resync);
    assertTrue(
        ChangePayloads.decode("node-b", "node-a\nx something-new").orElseThrow().resync(),
        "a line it does not know: read everything rather than guess");
    assertFalse(ChangePayloads.decode("node-b", "node-a").orElseThrow().resync());
  }

  private static int utf8Bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }
}
