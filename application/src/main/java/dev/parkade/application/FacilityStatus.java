package dev.parkade.application;

import dev.parkade.domain.Facility;
import dev.parkade.domain.port.FacilityCounts;
import java.util.Objects;

/** A facility and its counts, as a reader asks for them. */
public record FacilityStatus(Facility facility, FacilityCounts counts) {
  public FacilityStatus {
    Objects.requireNonNull(facility, "facility");
    Objects.requireNonNull(counts, "counts");
    if (!facility.id().equals(counts.facility())) {
      throw new IllegalArgumentException(counts + " are not the counts of " + facility.id());
    }
  }
}
