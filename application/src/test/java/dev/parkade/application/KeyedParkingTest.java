package dev.parkade.application;

import static dev.parkade.domain.port.Fixtures.T0;
import static dev.parkade.domain.port.Fixtures.spotIds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parkade.domain.Facility;
import dev.parkade.domain.FacilityId;
import dev.parkade.domain.Fingerprint;
import dev.parkade.domain.IdempotencyKey;
import dev.parkade.domain.InvalidValueException;
import dev.parkade.domain.LicensePlate;
import dev.parkade.domain.ParkingException;
import dev.parkade.domain.ParkingFailure;
import dev.parkade.domain.ParkingSession;
import dev.parkade.domain.SpotFeatures;
import dev.parkade.domain.SpotId;
import dev.parkade.domain.UserId;
import dev.parkade.domain.port.KeyedRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The keyed use cases over a plain key map: replays, refusals kept, the key's own failures. */
class KeyedParkingTest {
  private static final UserId ALICE = new UserId("alice");
  private static final UserId BOB = new UserId("bob");
  private static final UserId OPS = new UserId("ops");

  private final MutableClock clock = new MutableClock(T0);
  private final ReferenceParkingLot lot = new ReferenceParkingLot();

  /** Runs once inside the next keyed change, its key claimed: a request arriving meanwhile. */
  private Runnable meanwhile = () -> {};

  private final ReferenceIdempotentWrites writes =
      new ReferenceIdempotentWrites(
          lot,
          Duration.ofHours(24),
          change ->
              () -> {
                Runnable now = meanwhile;
                meanwhile = () -> {};
                now.run();
                return change.get();
              });
  private final ParkingService service =
      new ParkingService(lot, lot, clock, new CountingSessionIds());
  private final KeyedParking keyed = new KeyedParking(writes, lot, clock, new CountingSessionIds());

  private KeyedRequest request(UserId caller, String key, String body) {
    return keyed.request(
        caller,
        new IdempotencyKey(key),
        Fingerprint.of("POST", "/x", body.getBytes(StandardCharsets.UTF_8)));
  }

  private Answered<ParkingSession> start(String key, String plate) {
    return keyed.startSession(
        request(ALICE, key, plate), new StartSession(ALICE, new LicensePlate(plate)));
  }

  @Test
  void request_isAtTheServiceNow_truncatedToMilliseconds() {
    clock.set(T0.plusNanos(1_234_567));

    assertEquals(T0.plusMillis(1), request(ALICE, "k", "").at());
  }

  @Test
  void startSession_replaysTheSameSession_andRunsOnce() {
    service.addSpots(spotIds(2));
    clock.set(T0.plusSeconds(7));

    Answered<ParkingSession> first = start("k1", "AB-1");
    Answered<ParkingSession> again = start("k1", "AB-1");

    assertFalse(first.replayed());
    assertTrue(again.replayed());
    assertEquals(first.value(), again.value());
    assertEquals(T0.plusSeconds(7), first.orThrow().startTime());
    assertEquals(1, lot.occupancy().occupied());
  }

  @Test
  void startSession_refusal_isAnsweredAndReplayed() {
    Answered<ParkingSession> first = start("k1", "AB-1");
    service.addSpots(spotIds(1));
    Answered<ParkingSession> again = start("k1", "AB-1");

    assertEquals(Optional.of(ParkingFailure.NO_SPOTS_AVAILABLE), first.refusal());
    assertEquals(Optional.of(ParkingFailure.NO_SPOTS_AVAILABLE), again.refusal());
    assertTrue(again.replayed());
    assertEquals(
        ParkingFailure.NO_SPOTS_AVAILABLE,
        assertThrows(ParkingException.class, again::orThrow).failure());
  }

  @Test
  void anotherRequestUnderTheKey_isReused_andChangesNothing() {
    service.addSpots(spotIds(2));
    start("k1", "AB-1");

    assertEquals(
        IdempotencyFailure.REUSED,
        assertThrows(IdempotencyException.class, () -> start("k1", "AB-2")).failure());
    assertEquals(1, lot.occupancy().occupied());
  }

  @Test
  void aRequestWhileTheFirstWithItsKeyRuns_isInProgress() {
    service.addSpots(spotIds(2));
    AtomicReference<IdempotencyFailure> meanwhileFailed = new AtomicReference<>();
    meanwhile =
        () ->
            meanwhileFailed.set(
                assertThrows(IdempotencyException.class, () -> start("k1", "AB-1")).failure());

    Answered<ParkingSession> first = start("k1", "AB-1");

    assertEquals(IdempotencyFailure.IN_PROGRESS, meanwhileFailed.get());
    assertFalse(first.replayed());
    assertEquals(1, lot.occupancy().occupied());
  }

  @Test
  void endCurrentSession_replays_andLeavesTheNextSessionAlone() {
    service.addSpots(spotIds(2));
    ParkingSession first = start("s1", "AB-1").orThrow();
    clock.set(T0.plusSeconds(60));

    Answered<ParkingSession> ended = keyed.endCurrentSession(request(ALICE, "e1", ""));
    ParkingSession next = start("s2", "AB-1").orThrow();
    Answered<ParkingSession> again = keyed.endCurrentSession(request(ALICE, "e1", ""));

    assertEquals(first.id(), ended.orThrow().id());
    assertEquals(Optional.of(T0.plusSeconds(60)), ended.orThrow().endTime());
    assertTrue(again.replayed());
    assertEquals(ended.value(), again.value());
    assertTrue(lot.find(next.id()).orElseThrow().isActive());
  }

  @Test
  void endSession_ofSomeoneElse_isNotFound_andThatRefusalIsStored() {
    service.addSpots(spotIds(2));
    ParkingSession alices = start("s1", "AB-1").orThrow();

    Answered<ParkingSession> bobs =
        keyed.endSession(request(BOB, "e1", ""), Caller.driver(BOB), alices.id());
    Answered<ParkingSession> byOps =
        keyed.endSession(request(OPS, "e1", ""), Caller.operator(OPS), alices.id());
    Answered<ParkingSession> bobsAgain =
        keyed.endSession(request(BOB, "e1", ""), Caller.driver(BOB), alices.id());

    assertEquals(Optional.of(ParkingFailure.SESSION_NOT_FOUND), bobs.refusal());
    assertEquals(alices.id(), byOps.orThrow().id());
    assertTrue(bobsAgain.replayed());
    assertEquals(Optional.of(ParkingFailure.SESSION_NOT_FOUND), bobsAgain.refusal());
  }

  @Test
  void addSpots_answersTheRequestIds_andChecksThemBeforeTheKey() {
    List<SpotId> ids = List.of(new SpotId("B"), new SpotId("A"));
    KeyedRequest k = request(OPS, "a1", "ids");

    Answered<List<SpotId>> added = keyed.addSpots(k, FacilityId.DEFAULT, SpotFeatures.NONE, ids);
    Answered<List<SpotId>> again = keyed.addSpots(k, FacilityId.DEFAULT, SpotFeatures.NONE, ids);

    assertEquals(Optional.of(ids), added.value());
    assertEquals(Optional.of(ids), again.value());
    assertTrue(again.replayed());
    List<SpotId> twice = List.of(new SpotId("C"), new SpotId("C"));
    assertEquals(
        "ids",
        assertThrows(
                InvalidValueException.class,
                () -> keyed.addSpots(k, FacilityId.DEFAULT, SpotFeatures.NONE, twice))
            .field());
    assertEquals(2, lot.occupancy().total());
  }

  @Test
  void facilities_createAndDelete_replay_andTheDefaultIsNeverDeleted() {
    FacilityId centrum = new FacilityId("centrum");
    Facility facility = new Facility(centrum, "Centrum", Optional.empty(), Optional.empty());
    KeyedRequest create = request(OPS, "f1", "create");

    FacilityStatus created = keyed.createFacility(create, facility).orThrow();
    Answered<FacilityStatus> again = keyed.createFacility(create, facility);
    keyed.deleteFacility(request(OPS, "f2", "delete"), centrum).orThrow();
    Answered<FacilityId> deletedAgain = keyed.deleteFacility(request(OPS, "f2", "delete"), centrum);

    assertEquals(0, created.counts().all().total());
    assertEquals(Optional.of(created), again.value());
    assertTrue(deletedAgain.replayed());
    assertEquals(Optional.of(centrum), deletedAgain.value());
    assertEquals(
        "facilityId",
        assertThrows(
                InvalidValueException.class,
                () -> keyed.deleteFacility(request(OPS, "f3", ""), FacilityId.DEFAULT))
            .field());
  }

  @Test
  void removeSpot_replaysItsRefusalAfterTheSpotIsBack() {
    KeyedRequest remove = request(OPS, "r1", "");
    Answered<SpotId> missing = keyed.removeSpot(remove, new SpotId("X"));
    service.addSpots(List.of(new SpotId("X")));

    Answered<SpotId> again = keyed.removeSpot(remove, new SpotId("X"));

    assertEquals(Optional.of(ParkingFailure.SPOT_NOT_FOUND), missing.refusal());
    assertEquals(Optional.of(ParkingFailure.SPOT_NOT_FOUND), again.refusal());
    assertEquals(1, lot.occupancy().total());
  }
}
