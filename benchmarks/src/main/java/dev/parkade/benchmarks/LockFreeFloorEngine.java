package dev.parkade.benchmarks;

import dev.parkade.domain.LicensePlate;
import dev.parkade.domain.SpotId;
import dev.parkade.domain.UserId;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Not a candidate: about the least a design without a lock does for a start and an end, to measure
 * the floor under any lock-free engine built on concurrent maps and a free queue. A start claims
 * the user and the plate with one {@code putIfAbsent} each and polls a spot number; an end removes
 * both and queues the spot again. It has no session ids, times, records or history, and its free
 * count is a {@link LongAdder}, exact only when nothing is in flight. It also refuses a rival start
 * of the same user or plate while a start is in flight, even one that then finds no spot; and an
 * end frees the user before the plate, so the same driver starting again in between is refused as
 * {@code VEHICLE_ALREADY_PARKED}. The benchmark's drivers never race themselves, so neither
 * shortcut is taken there.
 */
public final class LockFreeFloorEngine implements ParkingEngine {
  private static final int NO_SPOT = -1;

  /** The user's claim: its plate, and its spot once one is taken. */
  private static final class Held {
    final LicensePlate plate;
    volatile int spot = NO_SPOT;

    Held(LicensePlate plate) {
      this.plate = plate;
    }
  }

  private final NumberedSpots spots = new NumberedSpots();
  private final LongAdder freeCount = new LongAdder();
  private final ConcurrentHashMap<UserId, Held> byUser = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<LicensePlate, UserId> byPlate = new ConcurrentHashMap<>();

  /** Set-up only, before any start: not safe against concurrent starts. */
  @Override
  public void addSpots(List<SpotId> added) {
    spots.add(added);
    freeCount.add(added.size());
  }

  @Override
  public Outcome start(UserId user, LicensePlate plate) {
    Held held = new Held(plate);
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
    freeCount.decrement();
    held.spot = spot;
    return Outcome.PARKED;
  }

  @Override
  public Outcome end(UserId user) {
    Held held = byUser.get(user);
    int spot = held == null ? NO_SPOT : held.spot;
    if (held == null || spot == NO_SPOT || !byUser.remove(user, held)) {
      return Outcome.NO_ACTIVE_SESSION; // a start still in flight is not a session yet
    }
    byPlate.remove(held.plate, user);
    spots.release(spot);
    freeCount.increment();
    return Outcome.ENDED;
  }

  @Override
  public long freeCount() {
    return freeCount.sum();
  }

  @Override
  public List<SpotId> firstFree(int limit) {
    return spots.firstFree(limit);
  }
}
