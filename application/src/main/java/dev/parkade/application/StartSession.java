package dev.parkade.application;

import dev.parkade.domain.FacilityId;
import dev.parkade.domain.LicensePlate;
import dev.parkade.domain.SpotFeatures;
import dev.parkade.domain.UserId;
import java.util.Objects;

/** A driver asks to park a vehicle in a facility, on a spot having every feature it needs. */
public record StartSession(
    UserId user, LicensePlate plate, FacilityId facility, SpotFeatures needs) {
  public StartSession {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(plate, "plate");
    Objects.requireNonNull(facility, "facility");
    Objects.requireNonNull(needs, "needs");
  }

  /** A start in the default facility that needs nothing: the v1 request. */
  public StartSession(UserId user, LicensePlate plate) {
    this(user, plate, FacilityId.DEFAULT, SpotFeatures.NONE);
  }
}
