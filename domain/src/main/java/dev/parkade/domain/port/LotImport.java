package dev.parkade.domain.port;

import dev.parkade.domain.FacilityId;
import dev.parkade.domain.ParkingException;
import dev.parkade.domain.SpotFeatures;
import dev.parkade.domain.SpotId;
import java.util.List;
import java.util.Objects;

/**
 * Loading a whole lot at once, as {@code parkade import} does: storage that keeps its state outside
 * the process offers it, in one transaction.
 */
public interface LotImport {

  /** A spot to create: its facility, its id and its features. */
  record NewSpot(FacilityId facility, SpotId id, SpotFeatures features) {
    public NewSpot {
      Objects.requireNonNull(facility, "facility");
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(features, "features");
    }
  }

  /** What an import created. */
  record Imported(int spots, List<FacilityId> facilitiesCreated) {
    public Imported {
      facilitiesCreated = List.copyOf(facilitiesCreated);
    }
  }

  /**
   * Creates every facility the spots name that does not exist yet (named by its id), and every
   * spot, all or nothing.
   *
   * @param spots distinct spot ids
   * @throws ParkingException {@code SPOT_EXISTS} naming a spot that already exists; nothing is
   *     created
   */
  Imported load(List<NewSpot> spots);
}
