package dev.parkade.benchmarks;

import dev.parkade.domain.LicensePlate;
import dev.parkade.domain.SpotId;
import dev.parkade.domain.UserId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;

/**
 * Reference design 2: one {@code synchronized} section around plain {@code HashMap}s and a {@code
 * boolean[]} of spots, with a linear scan for a free one.
 */
public final class GlobalLockEngine implements ParkingEngine {
  private record Held(int spot, LicensePlate plate) {}

  private SpotId[] ids = new SpotId[0];
  private boolean[] occupied = new boolean[0];
  private final HashMap<UserId, Held> byUser = new HashMap<>();
  private final HashMap<LicensePlate, UserId> byPlate = new HashMap<>();
  private long free;

  @Override
  public synchronized void addSpots(List<SpotId> spots) {
    int from = ids.length;
    ids = Arrays.copyOf(ids, from + spots.size());
    occupied = Arrays.copyOf(occupied, ids.length);
    for (int i = 0; i < spots.size(); i++) {
      ids[from + i] = spots.get(i);
    }
    free += spots.size();
  }

  @Override
  public synchronized void prefill(List<UserId> users, List<LicensePlate> plates) {
    for (int i = 0; i < users.size(); i++) {
      occupied[i] = true;
      free--;
      byUser.put(users.get(i), new Held(i, plates.get(i)));
      byPlate.put(plates.get(i), users.get(i));
    }
  }

  @Override
  public synchronized Outcome start(UserId user, LicensePlate plate) {
    if (byUser.containsKey(user)) {
      return Outcome.USER_HAS_ACTIVE_SESSION;
    }
    if (byPlate.containsKey(plate)) {
      return Outcome.VEHICLE_ALREADY_PARKED;
    }
    for (int spot = 0; spot < occupied.length; spot++) {
      if (!occupied[spot]) {
        occupied[spot] = true;
        free--;
        byUser.put(user, new Held(spot, plate));
        byPlate.put(plate, user);
        return Outcome.PARKED;
      }
    }
    return Outcome.NO_SPOTS_AVAILABLE;
  }

  @Override
  public synchronized Outcome end(UserId user) {
    Held held = byUser.remove(user);
    if (held == null) {
      return Outcome.NO_ACTIVE_SESSION;
    }
    byPlate.remove(held.plate());
    occupied[held.spot()] = false;
    free++;
    return Outcome.ENDED;
  }

  @Override
  public synchronized long freeCount() {
    return free;
  }

  @Override
  public synchronized List<SpotId> firstFree(int limit) {
    List<SpotId> result = new ArrayList<>();
    for (int spot = 0; spot < occupied.length && result.size() < limit; spot++) {
      if (!occupied[spot]) {
        result.add(ids[spot]);
      }
    }
    return result;
  }
}
