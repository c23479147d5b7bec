package dev.parkade.application;

import dev.parkade.domain.FacilityId;
import dev.parkade.domain.port.FacilityCounts;
import java.time.Instant;
import java.util.Objects;

/**
 * A facility's counts as the live publisher read them at {@code at}; {@code sequence} orders the
 * updates of one publisher and names them to a stream's client.
 */
public record OccupancyUpdate(long sequence, FacilityCounts counts, Instant at) {
  public OccupancyUpdate {
    Objects.requireNonNull(counts, "counts");
    Objects.requireNonNull(at, "at");
  }

  public FacilityId facility() {
    return counts.facility();
  }
}
