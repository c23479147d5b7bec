package dev.parkade.benchmarks;

import dev.parkade.domain.LicensePlate;
import dev.parkade.domain.SpotId;
import dev.parkade.domain.UserId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Reference design 1, the original design document taken literally: a {@code
 * ConcurrentHashMap<SpotId, AtomicBoolean>} (true = free), each start iterating it from the
 * beginning and taking the first spot whose compare-and-set succeeds, inside {@code
 * ConcurrentHashMap.compute} on the user.
 */
public final class LiteralScanEngine implements ParkingEngine {
  private record Held(SpotId spot, LicensePlate plate) {}

  private final ConcurrentHashMap<SpotId, AtomicBoolean> spots = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<UserId, Held> byUser = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<LicensePlate, UserId> byPlate = new ConcurrentHashMap<>();

  @Override
  public void addSpots(List<SpotId> ids) {
    ids.forEach(id -> spots.put(id, new AtomicBoolean(true)));
  }

  @Override
  public void prefill(List<UserId> users, List<LicensePlate> plates) {
    // Sequential starts take the spots in iteration order; take the first ones directly.
    int i = 0;
    for (Map.Entry<SpotId, AtomicBoolean> spot : spots.entrySet()) {
      if (i >= users.size()) {
        break;
      }
      spot.getValue().set(false);
      byUser.put(users.get(i), new Held(spot.getKey(), plates.get(i)));
      byPlate.put(plates.get(i), users.get(i));
      i++;
    }
  }

  @Override
  public Outcome start(UserId user, LicensePlate plate) {
    Outcome[] outcome = {Outcome.PARKED};
    byUser.compute(
        user,
        (u, existing) -> {
          if (existing != null) {
            outcome[0] = Outcome.USER_HAS_ACTIVE_SESSION;
            return existing;
          }
          if (byPlate.putIfAbsent(plate, u) != null) {
            outcome[0] = Outcome.VEHICLE_ALREADY_PARKED;
            return null;
          }
          for (Map.Entry<SpotId, AtomicBoolean> spot : spots.entrySet()) {
            if (spot.getValue().compareAndSet(true, false)) {
              return new Held(spot.getKey(), plate);
            }
          }
          byPlate.remove(plate, u);
          outcome[0] = Outcome.NO_SPOTS_AVAILABLE;
          return null;
        });
    return outcome[0];
  }

  @Override
  public Outcome end(UserId user) {
    Held held = byUser.remove(user);
    if (held == null) {
      return Outcome.NO_ACTIVE_SESSION;
    }
    byPlate.remove(held.plate(), user);
    AtomicBoolean free = spots.get(held.spot());
    if (free != null) {
      free.set(true);
    }
    return Outcome.ENDED;
  }

  @Override
  public long freeCount() {
    return spots.values().stream().filter(AtomicBoolean::get).count();
  }

  @Override
  public List<SpotId> firstFree(int limit) {
    List<SpotId> free = new ArrayList<>();
    for (Map.Entry<SpotId, AtomicBoolean> spot : spots.entrySet()) {
      if (free.size() >= limit) {
        break;
      }
      if (spot.getValue().get()) {
        free.add(spot.getKey());
      }
    }
    return free;
  }
}
