package dev.parkade.domain.port;

import static dev.parkade.domain.port.Fixtures.at;
import static dev.parkade.domain.port.Fixtures.plate;
import static dev.parkade.domain.port.Fixtures.sessionId;
import static dev.parkade.domain.port.Fixtures.spotIds;
import static dev.parkade.domain.port.Fixtures.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parkade.domain.Facility;
import dev.parkade.domain.FacilityId;
import dev.parkade.domain.LicensePlate;
import dev.parkade.domain.ParkingException;
import dev.parkade.domain.ParkingFailure;
import dev.parkade.domain.ParkingSession;
import dev.parkade.domain.SessionStatus;
import dev.parkade.domain.SpotFeature;
import dev.parkade.domain.SpotFeatures;
import dev.parkade.domain.SpotId;
import dev.parkade.domain.UserId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * What every storage adapter promises, whatever its technology. An adapter's test extends this
 * class and says how to make fresh, empty storage; nothing here may be adapter specific.
 */
public abstract class StoragePortsContract {
  private final AtomicLong sessionIds = new AtomicLong();
  private StoragePorts storage;
  private SessionStore sessions;
  private SpotInventory spots;

  /** Fresh storage with no spot and no session, one per test. */
  protected abstract StoragePorts newStorage();

  /** Releases what {@link #newStorage()} made; nothing by default. */
  protected void close(StoragePorts storage) {}

  @BeforeEach
  final void openStorage() {
    storage = newStorage();
    sessions = storage.sessions();
    spots = storage.spots();
  }

  @AfterEach
  final void closeStorage() {
    close(storage);
  }

  private ParkingSession start(int user, int plate, long time) {
    return start(user(user), plate(plate), time);
  }

  private ParkingSession start(UserId user, LicensePlate plate, long time) {
    return sessions.start(
        new NewSession(sessionId(sessionIds.incrementAndGet()), user, plate, at(time)));
  }

  private ParkingSession start(int driver, FacilityId facility, SpotFeature... needs) {
    return sessions.start(
        new NewSession(
            sessionId(sessionIds.incrementAndGet()),
            user(driver),
            plate(driver),
            at(driver),
            facility,
            SpotFeatures.of(needs)));
  }

  private static void assertRefused(ParkingFailure expected, Executable action) {
    ParkingException refused = assertThrows(ParkingException.class, action);
    assertEquals(expected, refused.failure());
  }

  // ---------------------------------------------------------------- start

  @Test
  void start_onFreeLot_recordsActiveSessionOnFreeSpot() {
    spots.add(spotIds(3));

    ParkingSession session = start(1, 1, 0);

    assertEquals(user(1), session.userId());
    assertEquals(plate(1), session.plate());
    assertEquals(at(0), session.startTime());
    assertEquals(SessionStatus.ACTIVE, session.status());
    assertTrue(spotIds(3).contains(session.spotId()));
    assertEquals(new Occupancy(3, 2), spots.occupancy());
    assertEquals(Optional.of(session), sessions.activeSessionOf(user(1)));
    assertEquals(Optional.of(session), sessions.find(session.id()));
    assertFalse(spots.freeSpots(10).contains(session.spotId()));
  }

  @Test
  void start_whenUserHasActiveSession_failsWithUserHasActiveSession_andLeavesNoTrace() {
    spots.add(spotIds(3));
    ParkingSession first = start(1, 1, 0);

    assertRefused(ParkingFailure.USER_HAS_ACTIVE_SESSION, () -> start(1, 2, 1));

    assertEquals(new Occupancy(3, 2), spots.occupancy());
    assertEquals(Optional.of(first), sessions.activeSessionOf(user(1)));
    start(2, 2, 2); // the refused start did not claim plate 2
  }

  @Test
  void start_whenPlateHasActiveSession_failsWithVehicleAlreadyParked_andLeavesNoTrace() {
    spots.add(spotIds(3));
    start(1, 1, 0);

    assertRefused(ParkingFailure.VEHICLE_ALREADY_PARKED, () -> start(2, 1, 1));

    assertEquals(new Occupancy(3, 2), spots.occupancy());
    assertEquals(Optional.empty(), sessions.activeSessionOf(user(2)));
    start(2, 2, 2); // the refused start did not claim user 2
  }

  @Test
  void start_whenPlateIsSpelledDifferently_stillFindsTheVehicleParked() {
    spots.add(spotIds(3));
    start(user(1), new LicensePlate("ab 123"), 0);

    assertRefused(
        ParkingFailure.VEHICLE_ALREADY_PARKED, () -> start(user(2), new LicensePlate("AB123"), 1));
  }

  @Test
  void start_whenLotIsFull_failsWithNoSpotsAvailable_andLeavesNoTrace() {
    spots.add(spotIds(1));
    start(1, 1, 0);

    assertRefused(ParkingFailure.NO_SPOTS_AVAILABLE, () -> start(2, 2, 1));

    assertEquals(new Occupancy(1, 0), spots.occupancy());
    assertEquals(Optional.empty(), sessions.activeSessionOf(user(2)));
    sessions.endActiveSessionOf(user(1), at(2));
    ParkingSession retry = start(2, 2, 3); // neither user 2 nor plate 2 was left claimed
    assertEquals(user(2), retry.userId());
  }

  @Test
  void start_onEmptyLot_failsWithNoSpotsAvailable() {
    assertRefused(ParkingFailure.NO_SPOTS_AVAILABLE, () -> start(1, 1, 0));
    assertEquals(new Occupancy(0, 0), spots.occupancy());
  }

  @Test
  void start_refusals_comeInContractOrder_userThenVehicleThenSpots() {
    spots.add(spotIds(1));
    start(1, 1, 0); // the lot is now full

    assertRefused(ParkingFailure.USER_HAS_ACTIVE_SESSION, () -> start(1, 1, 1));
    assertRefused(ParkingFailure.VEHICLE_ALREADY_PARKED, () -> start(2, 1, 1));
    assertRefused(ParkingFailure.NO_SPOTS_AVAILABLE, () -> start(2, 2, 1));
  }

  @Test
  void start_afterEnd_mayReuseUserPlateAndSpot() {
    spots.add(spotIds(1));
    ParkingSession first = start(1, 1, 0);
    sessions.end(first.id(), at(10));

    ParkingSession second = start(1, 1, 20);

    assertEquals(first.spotId(), second.spotId());
    assertFalse(first.id().equals(second.id()));
    assertEquals(Optional.of(second), sessions.activeSessionOf(user(1)));
  }

  // ---------------------------------------------------------------- end

  @Test
  void end_setsEndTime_freesSpot_andKeepsEndedRecord() {
    spots.add(spotIds(2));
    ParkingSession started = start(1, 1, 0);

    ParkingSession ended = sessions.end(started.id(), at(60));

    assertEquals(started.endedAt(at(60)), ended);
    assertEquals(SessionStatus.ENDED, ended.status());
    assertEquals(new Occupancy(2, 2), spots.occupancy());
    assertEquals(Optional.empty(), sessions.activeSessionOf(user(1)));
    assertEquals(Optional.of(ended), sessions.find(started.id()));
    assertTrue(spots.freeSpots(10).contains(started.spotId()));
  }

  @Test
  void end_twice_failsWithSessionAlreadyEnded() {
    spots.add(spotIds(1));
    ParkingSession started = start(1, 1, 0);
    sessions.end(started.id(), at(1));

    assertRefused(ParkingFailure.SESSION_ALREADY_ENDED, () -> sessions.end(started.id(), at(2)));
    assertEquals(new Occupancy(1, 1), spots.occupancy());
  }

  @Test
  void end_ofUnknownSession_failsWithSessionNotFound() {
    assertRefused(ParkingFailure.SESSION_NOT_FOUND, () -> sessions.end(sessionId(999), at(0)));
  }

  @Test
  void endOwn_endsOnlyTheOwnersSession_andRefusesOthersAsUnknown() {
    spots.add(spotIds(2));
    ParkingSession first = start(1, 1, 0);
    ParkingSession second = start(2, 2, 0);

    assertRefused(
        ParkingFailure.SESSION_NOT_FOUND, () -> sessions.endOwn(first.id(), user(2), at(5)));
    assertEquals(Optional.of(first), sessions.activeSessionOf(user(1)));
    assertEquals(new Occupancy(2, 0), spots.occupancy());

    ParkingSession ended = sessions.endOwn(first.id(), user(1), at(6));
    assertEquals(first.endedAt(at(6)), ended);
    assertEquals(new Occupancy(2, 1), spots.occupancy());

    assertRefused(
        ParkingFailure.SESSION_ALREADY_ENDED, () -> sessions.endOwn(first.id(), user(1), at(7)));
    assertRefused(
        ParkingFailure.SESSION_NOT_FOUND, () -> sessions.endOwn(first.id(), user(2), at(7)));
    assertRefused(
        ParkingFailure.SESSION_NOT_FOUND, () -> sessions.endOwn(sessionId(999), user(1), at(7)));
    assertEquals(Optional.of(ended), sessions.find(first.id()));
    assertEquals(Optional.of(second), sessions.activeSessionOf(user(2)));
  }

  @Test
  void endActiveSessionOf_endsTheUsersSession() {
    spots.add(spotIds(2));
    ParkingSession started = start(1, 1, 0);
    start(2, 2, 0);

    ParkingSession ended = sessions.endActiveSessionOf(user(1), at(5));

    assertEquals(started.endedAt(at(5)), ended);
    assertEquals(new Occupancy(2, 1), spots.occupancy());
    assertTrue(sessions.activeSessionOf(user(2)).isPresent());
  }

  @Test
  void endActiveSessionOf_withoutActiveSession_failsWithNoActiveSession() {
    spots.add(spotIds(1));
    assertRefused(
        ParkingFailure.NO_ACTIVE_SESSION, () -> sessions.endActiveSessionOf(user(1), at(0)));

    sessions.end(start(1, 1, 0).id(), at(1));
    assertRefused(
        ParkingFailure.NO_ACTIVE_SESSION, () -> sessions.endActiveSessionOf(user(1), at(2)));
  }

  @Test
  void end_concurrentlyFromManyThreads_hasExactlyOneWinner() throws Exception {
    spots.add(spotIds(1));
    ParkingSession started = start(1, 1, 0);

    List<Object> outcomes =
        race(
            8,
            i ->
                i % 2 == 0
                    ? sessions.end(started.id(), at(10 + i))
                    : sessions.endActiveSessionOf(user(1), at(10 + i)));

    long winners = outcomes.stream().filter(ParkingSession.class::isInstance).count();
    assertEquals(1, winners, outcomes::toString);
    for (Object outcome : outcomes) {
      if (!(outcome instanceof ParkingSession)) {
        assertTrue(
            Set.of(ParkingFailure.SESSION_ALREADY_ENDED, ParkingFailure.NO_ACTIVE_SESSION)
                .contains(outcome),
            outcome::toString);
      }
    }
    assertEquals(new Occupancy(1, 1), spots.occupancy());
  }

  // ---------------------------------------------------------------- concurrent starts

  @Test
  void start_rushOfMoreDriversThanSpots_fillsEverySpotOnce() throws Exception {
    spots.add(spotIds(5));

    List<Object> outcomes = race(16, i -> start(i, i, 0));

    List<SpotId> taken = new ArrayList<>();
    for (Object outcome : outcomes) {
      if (outcome instanceof ParkingSession session) {
        taken.add(session.spotId());
      } else {
        assertEquals(ParkingFailure.NO_SPOTS_AVAILABLE, outcome);
      }
    }
    assertEquals(5, taken.size(), outcomes::toString);
    assertEquals(5, new HashSet<>(taken).size(), "a spot was handed out twice: " + taken);
    assertEquals(new Occupancy(5, 0), spots.occupancy());
  }

  @Test
  void start_sameUserFromManyThreads_hasExactlyOneWinner() throws Exception {
    spots.add(spotIds(10));

    List<Object> outcomes = race(8, i -> start(1, i, 0));

    assertEquals(1, outcomes.stream().filter(ParkingSession.class::isInstance).count());
    assertEquals(
        7, outcomes.stream().filter(ParkingFailure.USER_HAS_ACTIVE_SESSION::equals).count());
    assertEquals(new Occupancy(10, 9), spots.occupancy());
  }

  @Test
  void start_samePlateFromManyThreads_hasExactlyOneWinner() throws Exception {
    spots.add(spotIds(10));

    List<Object> outcomes = race(8, i -> start(i, 1, 0));

    assertEquals(1, outcomes.stream().filter(ParkingSession.class::isInstance).count());
    assertEquals(
        7, outcomes.stream().filter(ParkingFailure.VEHICLE_ALREADY_PARKED::equals).count());
    assertEquals(new Occupancy(10, 9), spots.occupancy());
  }

  @Test
  void removeAndStart_racingForTheLastSpot_neverBothWin() throws Exception {
    for (int r = 0; r < 20; r++) {
      int round = r;
      SpotId last = new SpotId("R-" + round);
      spots.add(List.of(last));
      int driver = 100 + round;

      List<Object> outcomes =
          race(
              2,
              i -> {
                if (i == 0) {
                  spots.remove(last);
                  return "removed";
                }
                return start(driver, driver, round);
              });

      Object removal = outcomes.get(0);
      Object start = outcomes.get(1);
      if (removal.equals("removed")) {
        assertEquals(ParkingFailure.NO_SPOTS_AVAILABLE, start, outcomes::toString);
        assertEquals(new Occupancy(0, 0), spots.occupancy());
      } else {
        assertEquals(ParkingFailure.SPOT_OCCUPIED, removal, outcomes::toString);
        assertEquals(last, ((ParkingSession) start).spotId());
        sessions.endActiveSessionOf(user(driver), at(round + 1));
        spots.remove(last);
      }
    }
  }

  /** Runs {@code action(0..n-1)} on n threads released at once; a refusal becomes its failure. */
  private static List<Object> race(int threads, IntAction action) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch ready = new CountDownLatch(threads);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Object>> futures = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        int index = i;
        Callable<Object> task =
            () -> {
              ready.countDown();
              go.await();
              try {
                return action.run(index);
              } catch (ParkingException refused) {
                return refused.failure();
              }
            };
        futures.add(pool.submit(task));
      }
      ready.await();
      go.countDown();
      List<Object> outcomes = new ArrayList<>();
      for (Future<Object> future : futures) {
        outcomes.add(future.get(60, TimeUnit.SECONDS));
      }
      return outcomes;
    } finally {
      pool.shutdownNow();
    }
  }

  @FunctionalInterface
  private interface IntAction {
    Object run(int index) throws Exception;
  }

  // ---------------------------------------------------------------- listings

  @Test
  void activeSessions_arePagedInSpotOrder() {
    spots.add(spotIds(5));
    for (int i = 1; i <= 4; i++) {
      start(i, i, i);
    }
    sessions.endActiveSessionOf(user(2), at(10));

    List<ParkingSession> first = sessions.activeSessions(Optional.empty(), 2);
    List<ParkingSession> rest = sessions.activeSessions(Optional.of(first.get(1).spotId()), 10);

    List<ParkingSession> all = new ArrayList<>(first);
    all.addAll(rest);
    assertEquals(3, all.size());
    assertTrue(all.stream().allMatch(ParkingSession::isActive));
    List<SpotId> order = all.stream().map(ParkingSession::spotId).toList();
    assertEquals(order.stream().sorted().toList(), order);
    assertEquals(
        Set.of(user(1), user(3), user(4)),
        Set.copyOf(all.stream().map(ParkingSession::userId).toList()));
  }

  @Test
  void endedSessions_arePagedNewestFirst() {
    spots.add(spotIds(3));
    List<ParkingSession> ended = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      ended.add(sessions.end(start(i, i, i).id(), at(100 + i)));
    }

    List<ParkingSession> first = sessions.endedSessions(Optional.empty(), 2);
    List<ParkingSession> rest =
        sessions.endedSessions(Optional.of(EndedSessionKey.of(first.get(1))), 2);

    assertEquals(List.of(ended.get(2), ended.get(1)), first);
    assertEquals(List.of(ended.get(0)), rest);
  }

  // ---------------------------------------------------------------- inventory

  @Test
  void add_makesFreeSpots_listedInIdOrder() {
    List<SpotId> added =
        spots.add(List.of(new SpotId("B-2"), new SpotId("A-1"), new SpotId("B-1")));

    assertEquals(List.of(new SpotId("B-2"), new SpotId("A-1"), new SpotId("B-1")), added);
    assertEquals(new Occupancy(3, 3), spots.occupancy());
    assertEquals(
        List.of(
            new Spot(new SpotId("A-1"), SpotState.FREE),
            new Spot(new SpotId("B-1"), SpotState.FREE),
            new Spot(new SpotId("B-2"), SpotState.FREE)),
        spots.spots(Optional.empty(), 10));
  }

  @Test
  void add_whenOneIdExists_failsWithSpotExists_andAddsNothing() {
    spots.add(spotIds(2));

    ParkingException refused =
        assertThrows(
            ParkingException.class,
            () ->
                spots.add(
                    List.of(new SpotId("L1-100"), new SpotId("L1-002"), new SpotId("L1-101"))));

    assertEquals(ParkingFailure.SPOT_EXISTS, refused.failure());
    assertEquals(Optional.of("L1-002"), refused.subject());
    assertEquals(new Occupancy(2, 2), spots.occupancy());
    assertEquals(2, spots.spots(Optional.empty(), 10).size());
    spots.add(List.of(new SpotId("L1-100"))); // nothing of the refused add was left behind
  }

  @Test
  void spots_showState_andPageAfterAnId() {
    spots.add(spotIds(4));
    ParkingSession session = start(1, 1, 0);

    List<Spot> all = spots.spots(Optional.empty(), 10);
    List<Spot> afterSecond = spots.spots(Optional.of(new SpotId("L1-002")), 10);

    assertEquals(4, all.size());
    assertEquals(
        List.of(new Spot(session.spotId(), SpotState.OCCUPIED)),
        all.stream().filter(s -> s.state() == SpotState.OCCUPIED).toList());
    assertEquals(
        List.of(new SpotId("L1-003"), new SpotId("L1-004")),
        afterSecond.stream().map(Spot::id).toList());
    assertEquals(2, spots.spots(Optional.empty(), 2).size());
  }

  @Test
  void remove_ofFreeSpot_takesItOutOfTheLot() {
    spots.add(spotIds(2));

    spots.remove(new SpotId("L1-001"));

    assertEquals(new Occupancy(1, 1), spots.occupancy());
    assertEquals(List.of(new SpotId("L1-002")), spots.freeSpots(10));
    assertEquals(
        List.of(new Spot(new SpotId("L1-002"), SpotState.FREE)), spots.spots(Optional.empty(), 10));
    ParkingSession session = start(1, 1, 0);
    assertEquals(new SpotId("L1-002"), session.spotId()); // the removed spot is never handed out
  }

  @Test
  void remove_ofOccupiedSpot_failsWithSpotOccupied() {
    spots.add(spotIds(1));
    ParkingSession session = start(1, 1, 0);

    assertRefused(ParkingFailure.SPOT_OCCUPIED, () -> spots.remove(session.spotId()));
    assertEquals(new Occupancy(1, 0), spots.occupancy());
  }

  @Test
  void remove_ofUnknownSpot_failsWithSpotNotFound() {
    assertRefused(ParkingFailure.SPOT_NOT_FOUND, () -> spots.remove(new SpotId("nope")));
  }

  @Test
  void remove_thenAddAgain_restoresTheSpot() {
    spots.add(spotIds(1));
    spots.remove(new SpotId("L1-001"));
    assertRefused(ParkingFailure.SPOT_NOT_FOUND, () -> spots.remove(new SpotId("L1-001")));

    spots.add(spotIds(1));

    assertEquals(new Occupancy(1, 1), spots.occupancy());
    assertEquals(spotIds(1).get(0), start(1, 1, 0).spotId());
  }

  @Test
  void spots_afterRemovalsAndAdds_listEachSpotOnce_andPageAfterARemovedId() {
    spots.add(spotIds(3));
    spots.remove(new SpotId("L1-002"));
    spots.add(List.of(new SpotId("L1-004")));

    assertEquals(
        List.of(new SpotId("L1-001"), new SpotId("L1-003"), new SpotId("L1-004")),
        spots.spots(Optional.empty(), 10).stream().map(Spot::id).toList());
    assertEquals(
        List.of(new SpotId("L1-003"), new SpotId("L1-004")),
        spots.spots(Optional.of(new SpotId("L1-002")), 10).stream().map(Spot::id).toList());

    spots.add(List.of(new SpotId("L1-002")));

    assertEquals(spotIds(4), spots.spots(Optional.empty(), 10).stream().map(Spot::id).toList());
    assertEquals(new Occupancy(4, 4), spots.occupancy());
  }

  @Test
  void freeSpots_returnsAtMostLimitDistinctFreeIds() {
    spots.add(spotIds(10));
    ParkingSession session = start(1, 1, 0);

    List<SpotId> free = spots.freeSpots(5);
    List<SpotId> all = spots.freeSpots(100);

    assertEquals(5, free.size());
    assertEquals(5, new HashSet<>(free).size());
    assertEquals(9, all.size());
    assertFalse(all.contains(session.spotId()));
  }

  // ---------------------------------------------------------------- facilities

  private static final FacilityId CENTRUM = new FacilityId("centrum");
  private static final FacilityId HARBOUR = new FacilityId("harbour");

  private static Facility facility(FacilityId id) {
    return new Facility(
        id,
        "Facility " + id,
        Optional.of(new dev.parkade.domain.Location(60.17, 24.94)),
        Optional.of("Street 1"));
  }

  private FacilityCatalogue facilities() {
    return spots.facilities();
  }

  private void addSpots(FacilityId facility, String prefix, int count, SpotFeature... features) {
    spots.add(facility, SpotFeatures.of(features), spotIds(prefix, count));
  }

  private static SpotFeatures features(SpotFeature... features) {
    return SpotFeatures.of(features);
  }

  @Test
  void facilities_fromTheStart_areTheDefaultAlone_withNoSpots() {
    assertEquals(List.of(Facility.DEFAULT), facilities().all());
    assertEquals(Optional.of(Facility.DEFAULT), facilities().find(FacilityId.DEFAULT));
    assertEquals(
        Optional.of(FacilityCounts.empty(FacilityId.DEFAULT)), spots.counts(FacilityId.DEFAULT));
  }

  @Test
  void create_addsAFacility_listedInIdOrder_andCreatingItAgainFailsWithFacilityExists() {
    facilities().create(facility(HARBOUR));
    facilities().create(facility(CENTRUM));

    assertRefused(
        ParkingFailure.FACILITY_EXISTS,
        () ->
            facilities()
                .create(new Facility(CENTRUM, "Other", Optional.empty(), Optional.empty())));

    assertEquals(
        List.of(facility(CENTRUM), Facility.DEFAULT, facility(HARBOUR)), facilities().all());
    assertEquals(Optional.of(facility(CENTRUM)), facilities().find(CENTRUM));
    assertEquals(Optional.empty(), facilities().find(new FacilityId("nowhere")));
    assertEquals(Optional.of(FacilityCounts.empty(CENTRUM)), spots.counts(CENTRUM));
    assertEquals(Optional.empty(), spots.counts(new FacilityId("nowhere")));
  }

  @Test
  void delete_ofAFacilityWithSpots_failsWithFacilityNotEmpty_untilTheyAreRemoved() {
    facilities().create(facility(CENTRUM));
    addSpots(CENTRUM, "C-", 2, SpotFeature.EV_CHARGING);
    ParkingSession held = start(1, CENTRUM);

    assertRefused(ParkingFailure.FACILITY_NOT_EMPTY, () -> facilities().delete(CENTRUM));
    sessions.end(held.id(), at(5));
    spots.remove(new SpotId("C-001"));
    assertRefused(ParkingFailure.FACILITY_NOT_EMPTY, () -> facilities().delete(CENTRUM));
    spots.remove(new SpotId("C-002"));

    facilities().delete(CENTRUM);

    assertEquals(Optional.empty(), facilities().find(CENTRUM));
    assertEquals(Optional.empty(), spots.counts(CENTRUM));
    assertEquals(List.of(Facility.DEFAULT), facilities().all());
    assertRefused(ParkingFailure.FACILITY_NOT_FOUND, () -> facilities().delete(CENTRUM));
    assertRefused(ParkingFailure.FACILITY_NOT_FOUND, () -> start(2, CENTRUM));
    assertEquals(Optional.of(held.endedAt(at(5))), sessions.find(held.id())); // history stays
    facilities().create(facility(CENTRUM)); // the id may be used again
    assertEquals(Optional.of(FacilityCounts.empty(CENTRUM)), spots.counts(CENTRUM));
  }

  @Test
  void add_toAnUnknownFacility_failsWithFacilityNotFound_andAddsNothing() {
    assertRefused(
        ParkingFailure.FACILITY_NOT_FOUND,
        () -> spots.add(CENTRUM, SpotFeatures.NONE, spotIds("C-", 2)));

    assertEquals(new Occupancy(0, 0), spots.occupancy());
    assertEquals(List.of(), spots.spots(Optional.empty(), 10));
    spots.add(spotIds("C-", 2)); // the ids were not taken
  }

  @Test
  void start_inAnUnknownFacility_failsWithFacilityNotFound_afterTheUserAndVehicleChecks() {
    spots.add(spotIds(2));
    start(1, 1, 0);

    assertRefused(ParkingFailure.FACILITY_NOT_FOUND, () -> start(2, CENTRUM));
    assertRefused(
        ParkingFailure.USER_HAS_ACTIVE_SESSION,
        () ->
            sessions.start(
                new NewSession(
                    sessionId(999), user(1), plate(7), at(1), CENTRUM, SpotFeatures.NONE)));
    assertRefused(
        ParkingFailure.VEHICLE_ALREADY_PARKED,
        () ->
            sessions.start(
                new NewSession(
                    sessionId(998), user(7), plate(1), at(1), CENTRUM, SpotFeatures.NONE)));
    assertEquals(new Occupancy(2, 1), spots.occupancy());
    assertEquals(Optional.empty(), sessions.activeSessionOf(user(2)));
    start(2, 2, 2); // the refused start left user 2 and plate 2 free
  }

  @Test
  void start_inAFacility_takesOnlyItsSpots_andTheSessionNamesTheFacilityAndFeatures() {
    facilities().create(facility(CENTRUM));
    spots.add(spotIds(3));
    addSpots(CENTRUM, "C-", 1, SpotFeature.WIDE);

    ParkingSession session = start(1, CENTRUM);

    assertEquals(new SpotId("C-001"), session.spotId());
    assertEquals(CENTRUM, session.facilityId());
    assertEquals(features(SpotFeature.WIDE), session.spotFeatures());
    assertEquals(Optional.of(session), sessions.activeSessionOf(user(1)));
    assertEquals(Optional.of(session), sessions.find(session.id()));
    assertRefused(ParkingFailure.NO_SPOTS_AVAILABLE, () -> start(2, CENTRUM));
    ParkingSession ended = sessions.end(session.id(), at(9));
    assertEquals(CENTRUM, ended.facilityId());
    assertEquals(features(SpotFeature.WIDE), ended.spotFeatures());
    assertEquals(Optional.of(ended), sessions.find(session.id()));
    assertEquals(List.of(ended), sessions.endedSessions(Optional.empty(), 10));
    assertEquals(FacilityId.DEFAULT, start(3, 3, 3).facilityId()); // a v1 start: default
  }

  @Test
  void start_withoutNeeds_takesAPlainSpot_beforeTheLastEvSpot() {
    addSpots(FacilityId.DEFAULT, "EV-", 1, SpotFeature.EV_CHARGING);
    addSpots(FacilityId.DEFAULT, "P-", 1);

    ParkingSession plain = start(1, FacilityId.DEFAULT);
    ParkingSession ev = start(2, FacilityId.DEFAULT, SpotFeature.EV_CHARGING);

    assertEquals(new SpotId("P-001"), plain.spotId());
    assertEquals(SpotFeatures.NONE, plain.spotFeatures());
    assertEquals(new SpotId("EV-001"), ev.spotId());
    assertEquals(features(SpotFeature.EV_CHARGING), ev.spotFeatures());
  }

  @Test
  void start_withoutNeeds_takesAnEvSpot_whenNoPlainOneIsFree() {
    addSpots(FacilityId.DEFAULT, "EV-", 1, SpotFeature.EV_CHARGING);

    assertEquals(new SpotId("EV-001"), start(1, FacilityId.DEFAULT).spotId());
  }

  @Test
  void start_needingAFeature_whenOnlySpotsWithoutItAreFree_failsWithNoSpotsAvailable() {
    addSpots(FacilityId.DEFAULT, "P-", 2);
    addSpots(FacilityId.DEFAULT, "W-", 1, SpotFeature.WIDE);

    assertRefused(
        ParkingFailure.NO_SPOTS_AVAILABLE,
        () -> start(1, FacilityId.DEFAULT, SpotFeature.EV_CHARGING));
    assertRefused(
        ParkingFailure.NO_SPOTS_AVAILABLE,
        () -> start(2, FacilityId.DEFAULT, SpotFeature.WIDE, SpotFeature.MOTORCYCLE));
    assertEquals(new Occupancy(3, 3), spots.occupancy());
  }

  @Test
  void start_takesTheFittingSpotWithTheFewestOtherFeatures() {
    addSpots(
        FacilityId.DEFAULT,
        "A-",
        1,
        SpotFeature.EV_CHARGING,
        SpotFeature.WIDE,
        SpotFeature.MOTORCYCLE);
    addSpots(FacilityId.DEFAULT, "B-", 1, SpotFeature.EV_CHARGING, SpotFeature.WIDE);
    addSpots(FacilityId.DEFAULT, "C-", 1, SpotFeature.EV_CHARGING);

    assertEquals(
        new SpotId("C-001"), start(1, FacilityId.DEFAULT, SpotFeature.EV_CHARGING).spotId());
    assertEquals(
        new SpotId("B-001"), start(2, FacilityId.DEFAULT, SpotFeature.EV_CHARGING).spotId());
    assertEquals(
        new SpotId("A-001"), start(3, FacilityId.DEFAULT, SpotFeature.EV_CHARGING).spotId());
    assertRefused(
        ParkingFailure.NO_SPOTS_AVAILABLE,
        () -> start(4, FacilityId.DEFAULT, SpotFeature.EV_CHARGING));
  }

  @Test
  void accessibleSpots_goOnlyToStartsThatNeedThem() {
    addSpots(FacilityId.DEFAULT, "A-", 2, SpotFeature.ACCESSIBLE);
    addSpots(FacilityId.DEFAULT, "AE-", 1, SpotFeature.ACCESSIBLE, SpotFeature.EV_CHARGING);

    assertRefused(ParkingFailure.NO_SPOTS_AVAILABLE, () -> start(1, FacilityId.DEFAULT));
    assertRefused(
        ParkingFailure.NO_SPOTS_AVAILABLE,
        () -> start(2, FacilityId.DEFAULT, SpotFeature.EV_CHARGING));
    ParkingSession needing = start(3, FacilityId.DEFAULT, SpotFeature.ACCESSIBLE);
    assertEquals(features(SpotFeature.ACCESSIBLE), needing.spotFeatures());
    ParkingSession both =
        start(4, FacilityId.DEFAULT, SpotFeature.ACCESSIBLE, SpotFeature.EV_CHARGING);
    assertEquals(new SpotId("AE-001"), both.spotId());
  }

  @Test
  void counts_perFacilityAndClass_followAddsStartsEndsAndRemovals() {
    facilities().create(facility(CENTRUM));
    addSpots(CENTRUM, "C-", 3);
    addSpots(CENTRUM, "CE-", 2, SpotFeature.EV_CHARGING);
    addSpots(CENTRUM, "CA-", 1, SpotFeature.ACCESSIBLE, SpotFeature.EV_CHARGING);
    spots.add(spotIds(4));

    ParkingSession ev = start(1, CENTRUM, SpotFeature.EV_CHARGING);
    start(2, CENTRUM);
    spots.remove(new SpotId("C-003"));

    FacilityCounts centrum = spots.counts(CENTRUM).orElseThrow();
    assertEquals(new Occupancy(5, 3), centrum.all());
    assertEquals(new Occupancy(2, 1), centrum.of(features(SpotFeature.EV_CHARGING)));
    assertEquals(new Occupancy(3, 2), centrum.byFeature().get(SpotFeature.EV_CHARGING));
    assertEquals(new Occupancy(1, 1), centrum.byFeature().get(SpotFeature.ACCESSIBLE));
    assertEquals(new Occupancy(2, 1), centrum.of(SpotFeatures.NONE));
    assertEquals(new Occupancy(4, 4), spots.counts(FacilityId.DEFAULT).orElseThrow().all());
    assertEquals(new Occupancy(9, 7), spots.occupancy());

    sessions.end(ev.id(), at(10));

    assertEquals(
        new Occupancy(2, 2),
        spots.counts(CENTRUM).orElseThrow().of(features(SpotFeature.EV_CHARGING)));
    assertEquals(new Occupancy(9, 8), spots.occupancy());
  }

  @Test
  void listings_filterByFacilityAndFeatures_andNameEachSpotsFacilityAndFeatures() {
    facilities().create(facility(CENTRUM));
    addSpots(CENTRUM, "C-", 2);
    addSpots(CENTRUM, "CE-", 2, SpotFeature.EV_CHARGING);
    addSpots(CENTRUM, "CW-", 1, SpotFeature.EV_CHARGING, SpotFeature.WIDE);
    addSpots(FacilityId.DEFAULT, "DE-", 1, SpotFeature.EV_CHARGING);
    ParkingSession held = start(1, CENTRUM, SpotFeature.EV_CHARGING);

    SpotFilter evInCentrum = SpotFilter.in(CENTRUM).having(features(SpotFeature.EV_CHARGING));
    List<Spot> listed = spots.spots(evInCentrum, Optional.empty(), 10);
    assertEquals(
        List.of(new SpotId("CE-001"), new SpotId("CE-002"), new SpotId("CW-001")),
        listed.stream().map(Spot::id).toList());
    for (Spot spot : listed) {
      assertEquals(CENTRUM, spot.facility());
      assertTrue(spot.features().has(SpotFeature.EV_CHARGING));
      assertEquals(
          spot.id().equals(held.spotId()) ? SpotState.OCCUPIED : SpotState.FREE, spot.state());
    }
    assertEquals(
        List.of(new SpotId("CW-001")),
        spots.spots(evInCentrum, Optional.of(new SpotId("CE-002")), 10).stream()
            .map(Spot::id)
            .toList());
    assertEquals(
        new Spot(
            new SpotId("CW-001"),
            SpotState.FREE,
            CENTRUM,
            features(SpotFeature.EV_CHARGING, SpotFeature.WIDE)),
        listed.get(2));

    List<SpotId> freeEv = spots.freeSpots(evInCentrum, 10);
    assertEquals(2, freeEv.size());
    assertFalse(freeEv.contains(held.spotId()));
    assertTrue(
        List.of(new SpotId("CE-001"), new SpotId("CE-002"), new SpotId("CW-001"))
            .containsAll(freeEv));
    assertEquals(1, spots.freeSpots(evInCentrum, 1).size());
    assertEquals(
        3, // two in centrum (one is held), one in default
        spots
            .freeSpots(new SpotFilter(Optional.empty(), features(SpotFeature.EV_CHARGING)), 10)
            .size());
    assertEquals(
        List.of(new SpotId("DE-001")), spots.freeSpots(SpotFilter.in(FacilityId.DEFAULT), 10));
    assertEquals(4, spots.freeSpots(SpotFilter.in(CENTRUM), 10).size());
    assertEquals(List.of(), spots.freeSpots(SpotFilter.in(HARBOUR), 10));
    assertEquals(5, spots.freeSpots(10).size());
  }

  @Test
  void start_rushOfDriversNeedingEvAndDriversNeedingNothing_givesEachTheirKindOfSpot()
      throws Exception {
    addSpots(FacilityId.DEFAULT, "EV-", 4, SpotFeature.EV_CHARGING);
    addSpots(FacilityId.DEFAULT, "P-", 4);

    List<Object> outcomes =
        race(
            8,
            i ->
                i % 2 == 0
                    ? start(i, FacilityId.DEFAULT, SpotFeature.EV_CHARGING)
                    : start(i, FacilityId.DEFAULT));

    for (int i = 0; i < outcomes.size(); i++) {
      ParkingSession session = (ParkingSession) outcomes.get(i);
      assertEquals(
          i % 2 == 0 ? features(SpotFeature.EV_CHARGING) : SpotFeatures.NONE,
          session.spotFeatures(),
          outcomes::toString);
    }
    assertEquals(new Occupancy(8, 0), spots.occupancy());
  }

  @Test
  void deleteAndAdd_racingOnAnEmptyFacility_neverLeaveSpotsInAMissingFacility() throws Exception {
    for (int round = 0; round < 20; round++) {
      FacilityId id = new FacilityId("race-" + round);
      facilities().create(facility(id));
      SpotId spot = new SpotId("R-" + round);

      List<Object> outcomes =
          race(
              2,
              i -> {
                if (i == 0) {
                  facilities().delete(id);
                  return "deleted";
                }
                return spots.add(id, SpotFeatures.NONE, List.of(spot));
              });

      if (outcomes.get(0).equals("deleted")) {
        assertEquals(ParkingFailure.FACILITY_NOT_FOUND, outcomes.get(1), outcomes::toString);
        assertEquals(Optional.empty(), spots.counts(id));
        assertRefused(ParkingFailure.SPOT_NOT_FOUND, () -> spots.remove(spot));
      } else {
        assertEquals(ParkingFailure.FACILITY_NOT_EMPTY, outcomes.get(0), outcomes::toString);
        assertEquals(List.of(spot), outcomes.get(1));
        assertEquals(new Occupancy(1, 1), spots.counts(id).orElseThrow().all());
        spots.remove(spot);
        facilities().delete(id);
      }
    }
    assertEquals(new Occupancy(0, 0), spots.occupancy());
    assertEquals(List.of(Facility.DEFAULT), facilities().all());
  }
}
