package dev.parkade.domain.port;

import dev.parkade.domain.Facility;
import dev.parkade.domain.FacilityId;
import dev.parkade.domain.ParkingException;
import java.util.List;
import java.util.Optional;

/**
 * The facilities (car parks) of the deployment. The facility {@link FacilityId#DEFAULT} exists from
 * the start. A facility's spots are the {@link SpotInventory}'s; the two share one state, so that a
 * facility is deleted only while it has no spot, atomically against spots being added to it.
 */
public interface FacilityCatalogue {

  /**
   * Creates a facility, with no spots.
   *
   * @throws ParkingException {@code FACILITY_EXISTS}
   */
  void create(Facility facility);

  /** A facility, if it exists. */
  Optional<Facility> find(FacilityId id);

  /** Every facility, in id order (a deployment has a few, not thousands). */
  List<Facility> all();

  /**
   * Deletes a facility that has no spots.
   *
   * @throws ParkingException {@code FACILITY_NOT_FOUND}, or {@code FACILITY_NOT_EMPTY} while it has
   *     spots (free or held)
   */
  void delete(FacilityId id);
}
