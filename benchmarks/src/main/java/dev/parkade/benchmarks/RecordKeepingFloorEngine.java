package dev.parkade.benchmarks;

import dev.parkade.adapters.inmemory.InMemoryParkingLot;
import dev.parkade.domain.LicensePlate;
import dev.parkade.domain.ParkingSession;
import dev.parkade.domain.SessionId;
import dev.parkade.domain.SpotId;
import dev.parkade.domain.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Not a candidate: the {@link LockFreeFloorEngine} plus the least that Parkade's promises other
 * than atomicity add to a start and an end, to tell the engine's own overhead from the cost of what
 * it keeps. A start makes a session id (as {@link ParkadeEngine} does), enters it in an index by
 * id, counts the spot taken in one exact counter and builds the session's record; an end builds the
 * ended record, counts the spot freed and keeps the session in a bounded history ring of {@link
 * InMemoryParkingLot#DEFAULT_HISTORY_LIMIT} (a session pushed out leaves the index by id). It keeps
 * the floor's shortcuts: the counter and the indexes change one after another, not at one instant,
 * so a reader can see a session without its count.
 */
public final class RecordKeepingFloorEngine implements ParkingEngine {
  private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
  private static final int HISTORY = InMemoryParkingLot.DEFAULT_HISTORY_LIMIT;

  /** The user's session: its record once a spot is taken. */
  private static final class Held {
    final SessionId id;
    final LicensePlate plate;
    volatile int spot = -1;

    Held(SessionId id, LicensePlate plate) {
      this.id = id;
      this.plate = plate;
    }
  }

  private final NumberedSpots spots = new NumberedSpots();
  private final AtomicLong freeCount = new AtomicLong();
  private final AtomicLong sessionIds = new AtomicLong();
  private final ConcurrentHashMap<UserId, Held> byUser = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<LicensePlate, UserId> byPlate = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<SessionId, ParkingSession> byId = new ConcurrentHashMap<>();
  private final AtomicReferenceArray<ParkingSession> history = new AtomicReferenceArray<>(HISTORY);
  private final AtomicLong ended = new AtomicLong();

  /** Set-up only, before any start: not safe against concurrent starts. */
  @Override
  public void addSpots(List<SpotId> added) {
    spots.add(added);
    freeCount.addAndGet(added.size());
  }

  @Override
  public Outcome start(UserId user, LicensePlate plate) {
    Held held = new Held(new SessionId("s" + sessionIds.incrementAndGet()), plate);
    if (byUser.putIfAbsent(user, held) != null) {
      return Outcome.USER_HAS_ACTIVE_SESSION;
    }
    if (byPlate.putIfAbsent(plate, user) != null) {
      byUser.remove(user, held);
      return Outcome.VEHICLE_ALREADY_PARKED;
    }
    Integer spot = spots.take();
    if (spot == null) {
      byPlate.remove(plate, user);
      byUser.remove(user, held);
      return Outcome.NO_SPOTS_AVAILABLE;
    }
    freeCount.decrementAndGet();
    held.spot = spot;
    byId.put(held.id, record(held, user, Optional.empty()));
    return Outcome.PARKED;
  }

  /** One record per start and one per end, as Parkade builds them. */
  private ParkingSession record(Held held, UserId user, Optional<Instant> end) {
    return new ParkingSession(held.id, user, held.plate, spots.id(held.spot), NOW, end);
  }

  @Override
  public Outcome end(UserId user) {
    Held held = byUser.get(user);
    int spot = held == null ? -1 : held.spot;
    if (held == null || spot == -1 || !byUser.remove(user, held)) {
      return Outcome.NO_ACTIVE_SESSION;
    }
    ParkingSession record = record(held, user, Optional.of(NOW));
    byId.put(held.id, record);
    byPlate.remove(held.plate, user);
    spots.release(spot);
    freeCount.incrementAndGet();
    ParkingSession dropped = history.getAndSet((int) (ended.getAndIncrement() % HISTORY), record);
    if (dropped != null) {
      byId.remove(dropped.id(), dropped);
    }
    return Outcome.ENDED;
  }

  @Override
  public long freeCount() {
    return freeCount.get();
  }

  @Override
  public List<SpotId> firstFree(int limit) {
    return spots.firstFree(limit);
  }
}
