package dev.parkade.domain.port;

import static dev.parkade.domain.port.Fixtures.at;
import static dev.parkade.domain.port.Fixtures.plate;
import static dev.parkade.domain.port.Fixtures.sessionId;
import static dev.parkade.domain.port.Fixtures.spotIds;
import static dev.parkade.domain.port.Fixtures.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parkade.domain.Facility;
import dev.parkade.domain.FacilityId;
import dev.parkade.domain.Fingerprint;
import dev.parkade.domain.IdempotencyKey;
import dev.parkade.domain.ParkingFailure;
import dev.parkade.domain.ParkingSession;
import dev.parkade.domain.SpotFeatures;
import dev.parkade.domain.SpotId;
import dev.parkade.domain.UserId;
import dev.parkade.domain.port.KeyedAnswer.Fresh;
import dev.parkade.domain.port.KeyedAnswer.InProgress;
import dev.parkade.domain.port.KeyedAnswer.Replayed;
import dev.parkade.domain.port.KeyedAnswer.Reused;
import dev.parkade.domain.port.WriteOutcome.Done;
import dev.parkade.domain.port.WriteOutcome.Ended;
import dev.parkade.domain.port.WriteOutcome.Refused;
import dev.parkade.domain.port.WriteOutcome.Started;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every storage promises for keyed writes ({@link IdempotentWrites}), whatever its technology.
 * An adapter's test extends this class, says how to make fresh, empty storage whose keys live
 * {@link #TTL}, and how to hold a keyed start inside its change.
 */
public abstract class IdempotentWritesContract {
  protected static final Duration TTL = Duration.ofHours(24);
  private static final int RACERS = 32;

  /** Both plain ports and the keyed writes, over one state. */
  public record KeyedStorage(StoragePorts ports, IdempotentWrites keyed) {}

  /**
   * A keyed start kept inside its atomic unit: other requests with its key find it in progress
   * until {@link #release()}, which lets it finish and gives its answer.
   */
  public interface HeldStart {
    KeyedAnswer release() throws Exception;
  }

  private final AtomicLong sessionIds = new AtomicLong();
  private KeyedStorage storage;
  private IdempotentWrites keyed;
  private SessionStore sessions;
  private SpotInventory spots;

  /** Fresh storage with no spot, no session and no key, whose keys live {@code TTL}. */
  protected abstract KeyedStorage newStorage(Duration ttl);

  /** Releases what {@link #newStorage} made; nothing by default. */
  protected void close(KeyedStorage storage) {}

  /**
   * Starts {@code session} under {@code request} and returns once it is inside its change, held
   * there until released.
   */
  protected abstract HeldStart holdStart(
      KeyedStorage storage, KeyedRequest request, NewSession session) throws Exception;

  /**
   * The keyed writes that racer {@code n} of a race uses: the same as everyone's by default; a
   * storage shared by several processes gives each half of the racers its own.
   */
  protected IdempotentWrites racer(KeyedStorage storage, int n) {
    return storage.keyed();
  }

  @BeforeEach
  final void openStorage() {
    storage = newStorage(TTL);
    keyed = storage.keyed();
    sessions = storage.ports().sessions();
    spots = storage.ports().spots();
  }

  @AfterEach
  final void closeStorage() {
    close(storage);
  }

  private static KeyedRequest keyed(int caller, String key, String body, Instant at) {
    return new KeyedRequest(
        user(caller),
        new IdempotencyKey(key),
        Fingerprint.of("POST", "/api/v1/sessions", body.getBytes(StandardCharsets.UTF_8)),
        at);
  }

  private static KeyedRequest keyed(int caller, String key, long time) {
    return keyed(caller, key, "{\"plate\":\"PL-" + caller + "\"}", at(time));
  }

  private NewSession newSession(int driver, long time) {
    return new NewSession(
        sessionId(sessionIds.incrementAndGet()), user(driver), plate(driver), at(time));
  }

  private static ParkingSession startedSession(KeyedAnswer answer) {
    return assertInstanceOf(Started.class, assertInstanceOf(Fresh.class, answer).outcome())
        .session();
  }

  private static ParkingSession endedSession(KeyedAnswer answer) {
    return assertInstanceOf(Ended.class, assertInstanceOf(Fresh.class, answer).outcome()).session();
  }

  private static void assertReplayed(WriteOutcome expected, KeyedAnswer answer) {
    assertEquals(new Replayed(expected), answer);
  }

  // ---------------------------------------------------------------- starts and ends

  @Test
  void start_repeated_replaysTheSession_evenAfterItEnded_andStartsNothing() {
    spots.add(spotIds(2));
    ParkingSession first = startedSession(keyed.start(keyed(1, "k1", 0), newSession(1, 0)));

    assertReplayed(new Started(first), keyed.start(keyed(1, "k1", 1), newSession(1, 1)));
    sessions.end(first.id(), at(2));
    assertReplayed(new Started(first), keyed.start(keyed(1, "k1", 3), newSession(1, 3)));

    assertEquals(new Occupancy(2, 2), spots.occupancy());
    assertEquals(Optional.empty(), sessions.activeSessionOf(user(1)));
    assertEquals(1, sessions.endedSessions(Optional.empty(), 10).size());
  }

  @Test
  void endOfCurrent_repeated_replaysTheEnd_andLeavesANewerSessionAlone() {
    spots.add(spotIds(2));
    sessions.start(newSession(1, 0));
    ParkingSession ended = endedSession(keyed.endActiveSessionOf(keyed(1, "end", 5), user(1)));
    ParkingSession newer = sessions.start(newSession(1, 6));

    assertReplayed(new Ended(ended), keyed.endActiveSessionOf(keyed(1, "end", 7), user(1)));

    assertEquals(at(5), ended.endTime().orElseThrow());
    assertEquals(Optional.of(newer), sessions.activeSessionOf(user(1)));
    assertEquals(new Occupancy(2, 1), spots.occupancy());
  }

  @Test
  void endById_repeated_replaysTheEnd() {
    spots.add(spotIds(1));
    ParkingSession started = sessions.start(newSession(1, 0));
    ParkingSession ended = endedSession(keyed.end(keyed(1, "end", 5), started.id()));

    assertReplayed(new Ended(ended), keyed.end(keyed(1, "end", 9), started.id()));

    assertEquals(started.endedAt(at(5)), ended);
    assertEquals(Optional.of(ended), sessions.find(started.id()));
  }

  @Test
  void refusal_repeated_replaysTheRefusal_afterTheStateChanged() {
    spots.add(spotIds(1));
    sessions.start(newSession(2, 0));
    KeyedAnswer first = keyed.start(keyed(1, "k1", 1), newSession(1, 1));
    spots.add(List.of(new SpotId("L2-001")));

    KeyedAnswer repeat = keyed.start(keyed(1, "k1", 2), newSession(1, 2));

    assertEquals(new Fresh(new Refused(ParkingFailure.NO_SPOTS_AVAILABLE)), first);
    assertReplayed(new Refused(ParkingFailure.NO_SPOTS_AVAILABLE), repeat);
    assertEquals(new Occupancy(2, 1), spots.occupancy());
  }

  @Test
  void endOfCurrent_withNoSession_isARefusalThatReplays() {
    KeyedAnswer first = keyed.endActiveSessionOf(keyed(1, "end", 0), user(1));
    spots.add(spotIds(1));
    sessions.start(newSession(1, 1));

    assertEquals(new Fresh(new Refused(ParkingFailure.NO_ACTIVE_SESSION)), first);
    assertReplayed(
        new Refused(ParkingFailure.NO_ACTIVE_SESSION),
        keyed.endActiveSessionOf(keyed(1, "end", 2), user(1)));
    assertTrue(sessions.activeSessionOf(user(1)).isPresent());
  }

  @Test
  void refuse_storesARefusalMadeBeforeStorage_thatEveryRepeatReplays() {
    spots.add(spotIds(1));
    ParkingSession someoneElses = sessions.start(newSession(2, 0));

    KeyedAnswer first = keyed.refuse(keyed(1, "end", 1), ParkingFailure.SESSION_NOT_FOUND);

    assertEquals(new Fresh(new Refused(ParkingFailure.SESSION_NOT_FOUND)), first);
    assertReplayed(
        new Refused(ParkingFailure.SESSION_NOT_FOUND),
        keyed.end(keyed(1, "end", 2), someoneElses.id()));
    assertTrue(sessions.find(someoneElses.id()).orElseThrow().isActive());
  }

  @Test
  void aDifferentRequestUnderTheSameKey_isReused_andChangesNothing() {
    spots.add(spotIds(2));
    ParkingSession first = startedSession(keyed.start(keyed(1, "k1", 0), newSession(1, 0)));
    sessions.end(first.id(), at(1));

    KeyedAnswer other =
        keyed.start(keyed(1, "k1", "{\"plate\":\"OTHER\"}", at(2)), newSession(1, 2));
    KeyedAnswer anEnd = keyed.endActiveSessionOf(keyed(1, "k1", "", at(3)), user(1));

    assertEquals(new Reused(), other);
    assertEquals(new Reused(), anEnd);
    assertEquals(new Occupancy(2, 2), spots.occupancy());
    assertEquals(Optional.empty(), sessions.activeSessionOf(user(1)));
  }

  @Test
  void keys_belongToTheirCaller() {
    spots.add(spotIds(2));
    KeyedRequest mine = keyed(1, "shared", "{}", at(0));
    KeyedRequest theirs = new KeyedRequest(user(2), mine.key(), mine.fingerprint(), at(0));

    ParkingSession one = startedSession(keyed.start(mine, newSession(1, 0)));
    ParkingSession two = startedSession(keyed.start(theirs, newSession(2, 0)));

    assertEquals(user(1), one.userId());
    assertEquals(user(2), two.userId());
    assertEquals(new Occupancy(2, 0), spots.occupancy());
  }

  // ---------------------------------------------------------------- spots and facilities

  @Test
  void spotAdd_repeated_replays_andAddsNothingMore() {
    List<SpotId> ids = spotIds(3);
    KeyedAnswer first = keyed.add(keyed(9, "add", 0), FacilityId.DEFAULT, SpotFeatures.NONE, ids);

    KeyedAnswer repeat = keyed.add(keyed(9, "add", 1), FacilityId.DEFAULT, SpotFeatures.NONE, ids);

    assertEquals(new Fresh(new Done()), first);
    assertReplayed(new Done(), repeat);
    assertEquals(new Occupancy(3, 3), spots.occupancy());
  }

  @Test
  void spotRemove_repeated_replays_andLeavesASpotAddedSinceAlone() {
    spots.add(spotIds(2));
    SpotId removed = spotIds(2).get(0);
    KeyedAnswer first = keyed.remove(keyed(9, "rm", 0), removed);
    spots.add(List.of(removed));

    KeyedAnswer repeat = keyed.remove(keyed(9, "rm", 1), removed);

    assertEquals(new Fresh(new Done()), first);
    assertReplayed(new Done(), repeat);
    assertEquals(new Occupancy(2, 2), spots.occupancy());
  }

  @Test
  void spotAdd_refused_replaysTheRefusal() {
    spots.add(spotIds(1));
    List<SpotId> ids = spotIds(2);

    KeyedAnswer first = keyed.add(keyed(9, "add", 0), FacilityId.DEFAULT, SpotFeatures.NONE, ids);
    spots.remove(ids.get(0));
    KeyedAnswer repeat = keyed.add(keyed(9, "add", 1), FacilityId.DEFAULT, SpotFeatures.NONE, ids);

    assertEquals(new Fresh(new Refused(ParkingFailure.SPOT_EXISTS)), first);
    assertReplayed(new Refused(ParkingFailure.SPOT_EXISTS), repeat);
    assertEquals(new Occupancy(0, 0), spots.occupancy());
  }

  @Test
  void facilityCreateAndDelete_repeated_replay_andLeaveARecreatedFacilityAlone() {
    Facility north =
        new Facility(new FacilityId("north"), "North", Optional.empty(), Optional.empty());
    assertEquals(new Fresh(new Done()), keyed.create(keyed(9, "create", 0), north));
    assertReplayed(new Done(), keyed.create(keyed(9, "create", 1), north));
    assertEquals(new Fresh(new Done()), keyed.delete(keyed(9, "delete", 2), north.id()));
    spots.facilities().create(north);

    assertReplayed(new Done(), keyed.delete(keyed(9, "delete", 3), north.id()));

    assertEquals(Optional.of(north), spots.facilities().find(north.id()));
  }

  // ---------------------------------------------------------------- lifetime

  @Test
  void aKeyPastItsLifetime_runsAgain() {
    spots.add(spotIds(2));
    Instant created = at(0);
    ParkingSession first = startedSession(keyed.start(keyed(1, "k1", 0), newSession(1, 0)));
    sessions.end(first.id(), at(1));
    Instant lastReplay = created.plus(TTL).minusMillis(1);

    KeyedAnswer before =
        keyed.start(keyed(1, "k1", "{\"plate\":\"PL-1\"}", lastReplay), newSession(1, 2));
    KeyedAnswer after =
        keyed.start(keyed(1, "k1", "{\"plate\":\"PL-1\"}", created.plus(TTL)), newSession(1, 3));

    assertReplayed(new Started(first), before);
    ParkingSession second = startedSession(after);
    assertEquals(Optional.of(second), sessions.activeSessionOf(user(1)));
  }

  @Test
  void purge_forgetsOnlyExpiredKeys_inBoundedBatches() {
    spots.add(spotIds(5));
    for (int driver = 1; driver <= 3; driver++) {
      keyed.start(keyed(driver, "old", 0), newSession(driver, 0));
    }
    Instant later = at(0).plus(TTL);
    ParkingSession live =
        startedSession(keyed.start(keyed(4, "new", "{}", later), newSession(4, 0)));

    int purged = 0;
    for (int batch; (batch = keyed.purgeExpired(later.plusSeconds(1), 2)) > 0; ) {
      assertTrue(batch <= 2, "a batch of " + batch);
      purged += batch;
    }

    assertTrue(purged <= 3, purged + " purged");
    assertReplayed(
        new Started(live),
        keyed.start(keyed(4, "new", "{}", later.plusSeconds(2)), newSession(4, 5)));
  }

  // ---------------------------------------------------------------- concurrency

  @Test
  void aRepeatWhileTheFirstIsInsideItsChange_isInProgress_whateverItsBody() throws Exception {
    spots.add(spotIds(2));
    KeyedRequest first = keyed(1, "k1", 0);
    HeldStart held = holdStart(storage, first, newSession(1, 0));

    KeyedAnswer same = keyed.start(keyed(1, "k1", 1), newSession(1, 1));
    KeyedAnswer other = keyed.start(keyed(1, "k1", "{}", at(1)), newSession(1, 1));
    ParkingSession session = startedSession(held.release());

    assertEquals(new InProgress(), same);
    assertEquals(new InProgress(), other);
    assertReplayed(new Started(session), keyed.start(keyed(1, "k1", 2), newSession(1, 2)));
    assertEquals(new Occupancy(2, 1), spots.occupancy());
  }

  @Test
  void aRaceOnOneKey_changesOnce_andEveryoneElseIsReplayedOrInProgress() throws Exception {
    spots.add(spotIds(RACERS));

    List<KeyedAnswer> answers =
        race(n -> () -> racer(storage, n).start(keyed(1, "race", 0), newSession(1, 0)));

    ParkingSession winner =
        answers.stream()
            .filter(Fresh.class::isInstance)
            .map(IdempotentWritesContract::startedSession)
            .reduce(
                (a, b) -> {
                  throw new AssertionError("two fresh starts: " + a + " and " + b);
                })
            .orElseThrow(() -> new AssertionError("no fresh start in " + answers));
    for (KeyedAnswer answer : answers) {
      assertTrue(
          answer instanceof Fresh
              || answer.equals(new InProgress())
              || answer.equals(new Replayed(new Started(winner))),
          "a racer was answered " + answer);
    }
    assertEquals(new Occupancy(RACERS, RACERS - 1), spots.occupancy());

    List<KeyedAnswer> repeats =
        race(n -> () -> racer(storage, n).start(keyed(1, "race", 1), newSession(1, 1)));
    for (KeyedAnswer repeat : repeats) {
      assertReplayed(new Started(winner), repeat);
    }
  }

  @Test
  void aRaceOfEndsOnOneKey_endsOnce_andEveryoneElseIsReplayedOrInProgress() throws Exception {
    spots.add(spotIds(RACERS));
    ParkingSession active = sessions.start(newSession(1, 0));

    List<KeyedAnswer> answers =
        race(n -> () -> racer(storage, n).endActiveSessionOf(keyed(1, "race-end", 5), user(1)));

    ParkingSession ended = active.endedAt(at(5));
    assertEquals(
        1, answers.stream().filter(Fresh.class::isInstance).count(), "fresh ends in " + answers);
    for (KeyedAnswer answer : answers) {
      assertTrue(
          answer.equals(new Fresh(new Ended(ended)))
              || answer.equals(new InProgress())
              || answer.equals(new Replayed(new Ended(ended))),
          "a racer was answered " + answer);
    }
    assertEquals(new Occupancy(RACERS, RACERS), spots.occupancy());

    List<KeyedAnswer> repeats =
        race(n -> () -> racer(storage, n).endActiveSessionOf(keyed(1, "race-end", 6), user(1)));
    for (KeyedAnswer repeat : repeats) {
      assertReplayed(new Ended(ended), repeat);
    }
  }

  @Test
  void aRaceOfTwoBodiesOnOneKey_changesOnce() throws Exception {
    spots.add(spotIds(RACERS));
    UserId driver = user(1);

    List<KeyedAnswer> answers =
        race(
            n ->
                () ->
                    racer(storage, n)
                        .start(keyed(1, "race", "{\"n\":" + n % 2 + "}", at(0)), newSession(1, 0)));

    assertEquals(1, answers.stream().filter(Fresh.class::isInstance).count(), "" + answers);
    assertTrue(sessions.activeSessionOf(driver).isPresent());
    assertEquals(new Occupancy(RACERS, RACERS - 1), spots.occupancy());
  }

  /** Runs one call per racer, all released together by a barrier. */
  private List<KeyedAnswer> race(Function<Integer, Callable<KeyedAnswer>> racers) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(RACERS);
    try {
      CyclicBarrier go = new CyclicBarrier(RACERS);
      List<Future<KeyedAnswer>> futures = new ArrayList<>();
      for (int n = 0; n < RACERS; n++) {
        Callable<KeyedAnswer> call = racers.apply(n);
        futures.add(
            pool.submit(
                () -> {
                  go.await(30, TimeUnit.SECONDS);
                  return call.call();
                }));
      }
      List<KeyedAnswer> answers = new ArrayList<>();
      for (Future<KeyedAnswer> future : futures) {
        answers.add(future.get(60, TimeUnit.SECONDS));
      }
      return answers;
    } finally {
      pool.shutdownNow();
    }
  }
}
