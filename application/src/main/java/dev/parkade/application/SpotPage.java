package dev.parkade.application;

import dev.parkade.domain.SpotId;
import dev.parkade.domain.port.Spot;
import java.util.List;
import java.util.Optional;

/** A page of spots in id order; {@code next} is where the following page starts, if any. */
public record SpotPage(List<Spot> spots, Optional<SpotId> next) {
  public SpotPage {
    spots = List.copyOf(spots);
  }
}
