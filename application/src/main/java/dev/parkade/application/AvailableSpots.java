package dev.parkade.application;

import dev.parkade.domain.SpotId;
import java.util.List;

/** How many spots are free, and some of them. */
public record AvailableSpots(long available, List<SpotId> spots) {
  public AvailableSpots {
    spots = List.copyOf(spots);
  }
}
