package dev.parkade.domain.port;

import dev.parkade.domain.SpotId;
import java.util.Objects;

/** A spot of the lot and its state when it was read. */
public record Spot(SpotId id, SpotState state) {
  public Spot {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(state, "state");
  }
}
