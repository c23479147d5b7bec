package dev.parkade.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parkade.domain.FacilityId;
import dev.parkade.domain.SessionId;
import dev.parkade.domain.UserId;
import dev.parkade.domain.port.Changes;
import dev.parkade.domain.port.SessionChange;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The writers' signals: what one drain gives, and nothing lost under concurrent writers. */
class ChangeSignalsTest {
  private static final FacilityId A = new FacilityId("a");
  private static final FacilityId B = new FacilityId("b");

  @Test
  void aDrain_namesEachChangedFacilityOnce_andTheNextDrainIsEmpty() {
    ChangeSignals signals = new ChangeSignals();
    signals.facilityChanged(A);
    signals.facilityChanged(A);
    signals.facilityChanged(B);

    assertEquals(Set.of(A, B), signals.drain().facilities());
    assertTrue(signals.drain().isEmpty());
  }

  @Test
  void everythingChanged_isAResync_once() {
    ChangeSignals signals = new ChangeSignals();
    signals.everythingChanged();
    assertTrue(signals.drain().resync());
    assertFalse(signals.drain().resync());
  }

  @Test
  void sessionChanges_areKeptForWatchedDrivers_orForEveryoneOnSharedStorage() {
    SessionChange alice = new SessionChange(new UserId("alice"), new SessionId("s1"));
    ChangeSignals alone = new ChangeSignals(false);
    alone.sessionChanged(alice, alone::isWatched);
    assertEquals(List.of(), alone.drain().sessions());
    alone.watch(alice.user());
    alone.watch(alice.user());
    alone.unwatch(alice.user());
    assertTrue(alone.isWatched(alice.user()), "one stream of two is still open");
    alone.sessionChanged(alice, alone::isWatched);
    assertEquals(List.of(alice), alone.drain().sessions());
    alone.unwatch(alice.user());
    assertFalse(alone.isWatched(alice.user()));
  }

  @Test
  void aRingOverflow_isAResync_andTheRingWorksAfterIt() {
    SessionChangeRing ring = new SessionChangeRing(4);
    for (int i = 0; i < 5; i++) {
      ring.offer(change(i));
    }
    List<SessionChange> taken = new ArrayList<>();
    assertFalse(ring.drainTo(taken), "five changes in a ring of four: some were lost");
    ring.offer(change(9));
    assertTrue(ring.drainTo(taken));
    assertEquals(List.of(change(9)), taken);
  }

  /**
   * A writer paused between its ticket and its store, while others fill the whole ring, must not
   * store its older change over a later one: the reader would stop at that slot for good.
   */
  @Test
  void aWriterPausedAWholeRingLong_neitherHidesLaterChanges_norLosesThemUnsaid() {
    SessionChangeRing ring = new SessionChangeRing(4);
    long paused = ring.ticket();
    for (int i = 1; i <= 4; i++) {
      ring.offer(change(i)); // ticket 4 lands in the paused writer's slot
    }
    ring.store(paused, change(0));
    List<SessionChange> taken = new ArrayList<>();
    assertFalse(ring.drainTo(taken), "a change was lost: said so");
    ring.offer(change(5));
    List<SessionChange> after = new ArrayList<>();
    assertTrue(ring.drainTo(after));
    assertEquals(List.of(change(5)), after, "later changes still flow");
  }

  @Test
  void lostSessionChanges_areSaid_andMeanReadingEverything() {
    ChangeSignals signals = new ChangeSignals();
    signals.sessionsLost();
    Changes lost = signals.drain();
    assertTrue(lost.sessionsLost() && lost.resync());
    signals.everythingChanged();
    Changes everything = signals.drain();
    assertTrue(everything.resync());
    assertFalse(everything.sessionsLost(), "a change of unknown facility lost no session");
  }

  /**
   * Four writers offer changes while a reader drains: every change is taken exactly once, in each
   * writer's order, unless the reader is told that some were lost.
   */
  @Test
  void concurrentWritersAndOneReader_loseNothingUnsaid() throws Exception {
    int writers = 4;
    int perWriter = 200_000;
    SessionChangeRing ring = new SessionChangeRing(1 << 10);
    CyclicBarrier start = new CyclicBarrier(writers + 1);
    boolean done = false;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    List<Future<?>> running = new ArrayList<>();
    for (int w = 0; w < writers; w++) {
      int writer = w;
      running.add(
          pool.submit(
              () -> {
                start.await();
                for (int i = 0; i < perWriter; i++) {
                  ring.offer(
                      new SessionChange(
                          new UserId("w" + writer), new SessionId(Integer.toString(i))));
                }
                return null;
              }));
    }
    start.await();
    List<SessionChange> taken = new ArrayList<>();
    boolean lost = false;
    int[] last = {-1, -1, -1, -1};
    boolean inOrder = true;
    while (!done) {
      done = running.stream().allMatch(Future::isDone);
      int from = taken.size();
      lost |= !ring.drainTo(taken);
      for (SessionChange c : taken.subList(from, taken.size())) {
        int writer = c.user().value().charAt(1) - '0';
        int i = Integer.parseInt(c.session().value());
        inOrder &= i > last[writer];
        last[writer] = i;
      }
    }
    lost |= !ring.drainTo(taken);
    for (Future<?> f : running) {
      f.get();
    }
    pool.shutdown();
    SessionChange after = new SessionChange(new UserId("after"), new SessionId("after"));
    ring.offer(after);
    List<SessionChange> later = new ArrayList<>();
    assertTrue(ring.drainTo(later), "once the writers stopped, the ring is whole again");
    assertEquals(List.of(after), later, "a change after the flood is taken, not waited for");

    assertTrue(inOrder, "each writer's changes come in its order");
    Set<SessionChange> distinct = new HashSet<>(taken);
    assertEquals(taken.size(), distinct.size(), "no change taken twice");
    if (!lost) {
      assertEquals(writers * perWriter, taken.size(), "none lost without saying so");
    }
    assertTrue(taken.size() > 0);
  }

  /**
   * A writer a whole ring ahead of the reader stores nothing. When it read the reader's position
   * before a drain moved it, the drain ends at the ticket it skipped: the next one must not wait
   * there for good.
   */
  @Test
  void aWriterSkippingWhileADrainRuns_neverStopsTheRing() {
    SessionChangeRing ring = new SessionChangeRing(4);
    for (int i = 0; i < 4; i++) {
      ring.offer(change(i));
    }
    List<SessionChange> taken = new ArrayList<>();
    assertTrue(ring.drainTo(taken, () -> ring.offer(change(4))));
    assertEquals(List.of(change(0), change(1), change(2), change(3)), taken);
    assertFalse(ring.drainTo(taken), "the change a whole ring ahead was lost: said so");
    ring.offer(change(5));
    List<SessionChange> after = new ArrayList<>();
    assertTrue(ring.drainTo(after));
    assertEquals(List.of(change(5)), after, "later changes still flow");
  }

  /** A facility signalled after a drain is always in a later drain, whatever the interleaving. */
  @Test
  void aSignalRacingADrain_isNeverLost() throws Exception {
    ChangeSignals signals = new ChangeSignals();
    int rounds = 100_000;
    ExecutorService pool = Executors.newSingleThreadExecutor();
    CyclicBarrier step = new CyclicBarrier(2);
    Future<?> writer =
        pool.submit(
            () -> {
              for (int i = 0; i < rounds; i++) {
                step.await();
                signals.facilityChanged(A);
                step.await();
              }
              return null;
            });
    int missed = 0;
    for (int i = 0; i < rounds; i++) {
      step.await();
      Changes during = signals.drain(); // may or may not see this round's signal
      step.await();
      Changes after = signals.drain();
      if (!during.facilities().contains(A) && !after.facilities().contains(A)) {
        missed++;
      }
    }
    writer.get();
    pool.shutdown();
    assertEquals(0, missed);
  }

  private static SessionChange change(int i) {
    return new SessionChange(new UserId("u" + i), new SessionId("s" + i));
  }
}
