package dev.parkade.application;

import static dev.parkade.domain.port.Fixtures.T0;
import static dev.parkade.domain.port.Fixtures.spotIds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parkade.domain.InvalidValueException;
import dev.parkade.domain.LicensePlate;
import dev.parkade.domain.ParkingException;
import dev.parkade.domain.ParkingFailure;
import dev.parkade.domain.ParkingSession;
import dev.parkade.domain.SessionId;
import dev.parkade.domain.SessionStatus;
import dev.parkade.domain.SpotId;
import dev.parkade.domain.UserId;
import dev.parkade.domain.port.Occupancy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The use cases over the reference storage: time, ids, visibility and the contract's bounds. */
class ParkingServiceTest {
  private static final UserId ALICE = new UserId("alice");
  private static final UserId BOB = new UserId("bob");
  private static final Caller ALICE_DRIVING = Caller.driver(ALICE);
  private static final Caller BOB_DRIVING = Caller.driver(BOB);
  private static final Caller OPERATOR = Caller.operator(new UserId("ops"));

  private final MutableClock clock = new MutableClock(T0);
  private final ReferenceParkingLot lot = new ReferenceParkingLot();
  private final ParkingService service =
      new ParkingService(lot, lot, clock, new CountingSessionIds());

  private ParkingSession park(UserId user, String plate) {
    return service.startSession(new StartSession(user, new LicensePlate(plate)));
  }

  private static void assertRefused(ParkingFailure failure, Executable action) {
    assertEquals(failure, assertThrows(ParkingException.class, action).failure());
  }

  private static void assertInvalid(String field, Executable action) {
    assertEquals(field, assertThrows(InvalidValueException.class, action).field());
  }

  @Test
  void startSession_takesTimeFromClock_andIdFromGenerator() {
    service.addSpots(spotIds(2));
    clock.set(T0.plusSeconds(42));

    ParkingSession session = park(ALICE, "AB-1");

    assertEquals(new SessionId("s-1"), session.id());
    assertEquals(T0.plusSeconds(42), session.startTime());
    assertEquals(session, service.currentSession(ALICE));
  }

  @Test
  void endCurrentSession_takesEndTimeFromClock() {
    service.addSpots(spotIds(1));
    park(ALICE, "AB-1");
    clock.set(T0.plusSeconds(600));

    ParkingSession ended = service.endCurrentSession(ALICE);

    assertEquals(Optional.of(T0.plusSeconds(600)), ended.endTime());
    assertRefused(ParkingFailure.NO_ACTIVE_SESSION, () -> service.currentSession(ALICE));
    assertRefused(ParkingFailure.NO_ACTIVE_SESSION, () -> service.endCurrentSession(ALICE));
  }

  @Test
  void session_ofSomeoneElse_isNotFound_exactlyLikeAnUnknownId() {
    service.addSpots(spotIds(2));
    ParkingSession alices = park(ALICE, "AB-1");

    assertEquals(alices, service.session(ALICE_DRIVING, alices.id()));
    assertEquals(alices, service.session(OPERATOR, alices.id()));
    assertRefused(
        ParkingFailure.SESSION_NOT_FOUND, () -> service.session(BOB_DRIVING, alices.id()));
    assertRefused(
        ParkingFailure.SESSION_NOT_FOUND,
        () -> service.session(BOB_DRIVING, new SessionId("no-such")));
  }

  @Test
  void endSession_bySomeoneElse_isNotFound_andLeavesTheSessionActive() {
    service.addSpots(spotIds(2));
    ParkingSession alices = park(ALICE, "AB-1");

    assertRefused(
        ParkingFailure.SESSION_NOT_FOUND, () -> service.endSession(BOB_DRIVING, alices.id()));

    assertEquals(alices, service.currentSession(ALICE));
  }

  @Test
  void endSession_byOwnerOrOperator_ends_andOnlyOnce() {
    service.addSpots(spotIds(2));
    ParkingSession alices = park(ALICE, "AB-1");
    ParkingSession bobs = park(BOB, "BB-1");

    assertEquals(SessionStatus.ENDED, service.endSession(ALICE_DRIVING, alices.id()).status());
    assertEquals(SessionStatus.ENDED, service.endSession(OPERATOR, bobs.id()).status());
    assertRefused(
        ParkingFailure.SESSION_ALREADY_ENDED, () -> service.endSession(ALICE_DRIVING, alices.id()));
    assertEquals(new Occupancy(2, 2), service.occupancy());
  }

  @Test
  void availableSpots_givesCountAndAtMostLimitIds_withinTheContractsBounds() {
    service.addSpots(spotIds(5));
    park(ALICE, "AB-1");

    AvailableSpots available = service.availableSpots(2);

    assertEquals(4, available.available());
    assertEquals(2, available.spots().size());
    assertInvalid("limit", () -> service.availableSpots(0));
    assertInvalid("limit", () -> service.availableSpots(Limits.MAX_FREE_SPOTS + 1));
    assertEquals(4, service.availableSpots(Limits.MAX_FREE_SPOTS).spots().size());
  }

  @Test
  void addSpots_refusesEmptyOversizedOrRepeatedBatches() {
    assertInvalid("ids", () -> service.addSpots(List.of()));
    assertInvalid("ids", () -> service.addSpots(spotIds(Limits.MAX_SPOTS_PER_ADD + 1)));
    assertInvalid(
        "ids", () -> service.addSpots(List.of(new SpotId("A"), new SpotId("B"), new SpotId("A"))));
    assertEquals(new Occupancy(0, 0), service.occupancy());
    assertEquals(
        Limits.MAX_SPOTS_PER_ADD, service.addSpots(spotIds(Limits.MAX_SPOTS_PER_ADD)).size());
  }

  @Test
  void removeSpot_passesRefusalsThrough() {
    service.addSpots(spotIds(1));
    ParkingSession session = park(ALICE, "AB-1");

    assertRefused(ParkingFailure.SPOT_OCCUPIED, () -> service.removeSpot(session.spotId()));
    service.endCurrentSession(ALICE);
    service.removeSpot(session.spotId());
    assertRefused(ParkingFailure.SPOT_NOT_FOUND, () -> service.removeSpot(session.spotId()));
  }

  @Test
  void spots_arePaged_withNextOnlyWhenMoreFollow() {
    service.addSpots(spotIds(5));

    SpotPage first = service.spots(Optional.empty(), 2);
    SpotPage second = service.spots(first.next(), 2);
    SpotPage last = service.spots(second.next(), 2);
    SpotPage exact = service.spots(Optional.empty(), 5);

    assertEquals(Optional.of(new SpotId("L1-002")), first.next());
    assertEquals(Optional.of(new SpotId("L1-004")), second.next());
    assertEquals(1, last.spots().size());
    assertEquals(Optional.empty(), last.next());
    assertEquals(Optional.empty(), exact.next(), "no next page when the page is exactly full");
    assertInvalid("limit", () -> service.spots(Optional.empty(), 0));
    assertInvalid("limit", () -> service.spots(Optional.empty(), Limits.MAX_SPOTS_PAGE + 1));
  }

  @Test
  void sessions_arePagedByOpaqueCursors_forActiveAndEnded() {
    service.addSpots(spotIds(6));
    for (int i = 0; i < 5; i++) {
      clock.set(T0.plusSeconds(i));
      park(new UserId("u" + i), "P" + i);
    }
    for (int i = 0; i < 3; i++) {
      clock.set(T0.plusSeconds(100 + i));
      service.endCurrentSession(new UserId("u" + i));
    }

    List<ParkingSession> active = walk(SessionStatus.ACTIVE, 1);
    List<ParkingSession> ended = walk(SessionStatus.ENDED, 2);

    assertEquals(2, active.size());
    assertTrue(active.stream().allMatch(ParkingSession::isActive));
    assertEquals(
        List.of(new UserId("u2"), new UserId("u1"), new UserId("u0")),
        ended.stream().map(ParkingSession::userId).toList(),
        "newest first");
  }

  private List<ParkingSession> walk(SessionStatus status, int pageSize) {
    List<ParkingSession> all = new ArrayList<>();
    Optional<String> after = Optional.empty();
    do {
      SessionPage page = service.sessions(status, after, pageSize);
      all.addAll(page.sessions());
      after = page.next();
    } while (after.isPresent());
    return all;
  }

  @Test
  void sessions_refuseCursorsTheyDidNotIssue_andBadLimits() {
    service.addSpots(spotIds(3));
    for (int i = 0; i < 3; i++) {
      park(new UserId("u" + i), "P" + i);
    }
    String activeCursor = service.sessions(SessionStatus.ACTIVE, Optional.empty(), 1).next().get();

    assertInvalid(
        "after", () -> service.sessions(SessionStatus.ENDED, Optional.of(activeCursor), 1));
    assertInvalid("after", () -> service.sessions(SessionStatus.ACTIVE, Optional.of("%%%"), 1));
    assertInvalid(
        "after",
        () -> service.sessions(SessionStatus.ACTIVE, Optional.of(encoded("A|bad id!")), 1));
    assertInvalid(
        "after",
        () -> service.sessions(SessionStatus.ENDED, Optional.of(encoded("E|yesterday|s-1")), 1));
    assertInvalid(
        "after", () -> service.sessions(SessionStatus.ENDED, Optional.of(encoded("E|x")), 1));
    for (String time : List.of("+1000000000-12-31T23:59:59Z", "-1000000000-01-01T00:00:00Z")) {
      // Instant.parse takes these; a database cannot bind them.
      assertInvalid(
          "after",
          () ->
              service.sessions(SessionStatus.ENDED, Optional.of(encoded("E|" + time + "|s-1")), 1));
    }
    assertInvalid("limit", () -> service.sessions(SessionStatus.ACTIVE, Optional.empty(), 0));
    assertInvalid(
        "limit",
        () ->
            service.sessions(SessionStatus.ACTIVE, Optional.empty(), Limits.MAX_SESSIONS_PAGE + 1));
  }

  private static String encoded(String plain) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(plain.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void randomUuids_areVersion4Uuids_distinctAcrossThreads() throws Exception {
    SessionIdGenerator ids = SessionIdGenerator.randomUuids();
    int threads = 4;
    int each = 20_000;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CyclicBarrier together = new CyclicBarrier(threads);
      List<Future<List<SessionId>>> drawn = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        drawn.add(
            pool.submit(
                () -> {
                  together.await();
                  List<SessionId> mine = new ArrayList<>(each);
                  for (int i = 0; i < each; i++) {
                    mine.add(ids.next());
                  }
                  return mine;
                }));
      }
      Set<SessionId> all = new HashSet<>();
      for (Future<List<SessionId>> future : drawn) {
        for (SessionId id : future.get()) {
          UUID uuid = UUID.fromString(id.value());
          assertEquals(id.value(), uuid.toString(), "canonical form");
          assertEquals(4, uuid.version(), id.value());
          assertEquals(2, uuid.variant(), id.value());
          assertTrue(all.add(id), "drawn twice: " + id);
        }
      }
      assertEquals(threads * each, all.size());
    } finally {
      pool.shutdownNow();
    }
  }
}
