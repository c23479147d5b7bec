package dev.parkade.domain.port;

import dev.parkade.domain.ParkingException;
import dev.parkade.domain.SpotId;
import java.util.List;
import java.util.Optional;

/**
 * The spots of the lot: what exists, what is free, and changes to the inventory that stay safe
 * while sessions start and end.
 */
public interface SpotInventory {

  /**
   * Adds spots, all or none.
   *
   * @param ids distinct ids
   * @return the ids added, in the order given
   * @throws ParkingException {@code SPOT_EXISTS} naming one id that already exists; nothing is
   *     added
   */
  List<SpotId> add(List<SpotId> ids);

  /**
   * Removes a free spot.
   *
   * @throws ParkingException {@code SPOT_NOT_FOUND}, or {@code SPOT_OCCUPIED} while a session holds
   *     it
   */
  void remove(SpotId id);

  /** Total and free spots at one instant, in constant time whatever the size of the lot. */
  Occupancy occupancy();

  /**
   * Up to {@code limit} free spot ids, in the time of {@code limit}, never of the lot. Which free
   * spots come first is the adapter's to say.
   */
  List<SpotId> freeSpots(int limit);

  /** Up to {@code limit} spots in id order, after the given id. */
  List<Spot> spots(Optional<SpotId> after, int limit);
}
