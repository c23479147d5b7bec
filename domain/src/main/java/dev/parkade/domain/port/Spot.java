package dev.parkade.domain.port;

import dev.parkade.domain.FacilityId;
import dev.parkade.domain.SpotFeatures;
import dev.parkade.domain.SpotId;
import java.util.Objects;

/** A spot of the lot, where it is, what it has, and its state when it was read. */
public record Spot(SpotId id, SpotState state, FacilityId facility, SpotFeatures features) {
  public Spot {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(facility, "facility");
    Objects.requireNonNull(features, "features");
  }

  /** A standard spot of the default facility. */
  public Spot(SpotId id, SpotState state) {
    this(id, state, FacilityId.DEFAULT, SpotFeatures.NONE);
  }
}
