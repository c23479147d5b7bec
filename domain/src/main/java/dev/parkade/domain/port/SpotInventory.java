package dev.parkade.domain.port;

import dev.parkade.domain.FacilityId;
import dev.parkade.domain.ParkingException;
import dev.parkade.domain.SpotFeatures;
import dev.parkade.domain.SpotId;
import java.util.List;
import java.util.Optional;

/**
 * The spots of the lot: what exists, where, with which features, what is free, and changes to the
 * inventory that stay safe while sessions start and end. Spot ids are unique across facilities.
 */
public interface SpotInventory {

  /** {@link #add(FacilityId, SpotFeatures, List)} of standard spots in the default facility. */
  default List<SpotId> add(List<SpotId> ids) {
    return add(FacilityId.DEFAULT, SpotFeatures.NONE, ids);
  }

  /**
   * Adds spots with {@code features} to {@code facility}, all or none.
   *
   * @param ids distinct ids
   * @return the ids added, in the order given
   * @throws ParkingException {@code FACILITY_NOT_FOUND}; {@code SPOT_EXISTS} naming one id that
   *     already exists; nothing is added
   */
  List<SpotId> add(FacilityId facility, SpotFeatures features, List<SpotId> ids);

  /**
   * Removes a free spot.
   *
   * @throws ParkingException {@code SPOT_NOT_FOUND}, or {@code SPOT_OCCUPIED} while a session holds
   *     it
   */
  void remove(SpotId id);

  /** Total and free spots of the deployment at one instant, in constant time. */
  Occupancy occupancy();

  /**
   * A facility's counts per feature class at one instant, in constant time whatever the size of the
   * lot; empty when there is no such facility.
   */
  Optional<FacilityCounts> counts(FacilityId facility);

  /**
   * Up to {@code limit} free spot ids of the whole lot; see {@link #freeSpots(SpotFilter, int)}.
   */
  default List<SpotId> freeSpots(int limit) {
    return freeSpots(SpotFilter.ALL, limit);
  }

  /**
   * Up to {@code limit} free spot ids that {@code filter} shows, in the time of {@code limit} (and
   * of the facilities and feature classes), never of the lot. Which free spots come first is the
   * adapter's to say.
   */
  List<SpotId> freeSpots(SpotFilter filter, int limit);

  /** Up to {@code limit} spots in id order, after the given id. */
  default List<Spot> spots(Optional<SpotId> after, int limit) {
    return spots(SpotFilter.ALL, after, limit);
  }

  /** Up to {@code limit} spots that {@code filter} shows, in id order, after the given id. */
  List<Spot> spots(SpotFilter filter, Optional<SpotId> after, int limit);

  /** The facilities these spots belong to: one state with them. */
  FacilityCatalogue facilities();
}
