package dev.parkade.domain.port;

import dev.parkade.domain.FacilityId;
import dev.parkade.domain.SpotFeatures;
import java.util.Objects;
import java.util.Optional;

/**
 * Which spots a listing shows: those of one facility, or of every facility, that have every feature
 * of {@code features} (and maybe more).
 */
public record SpotFilter(Optional<FacilityId> facility, SpotFeatures features) {
  /** Every spot. */
  public static final SpotFilter ALL = new SpotFilter(Optional.empty(), SpotFeatures.NONE);

  public SpotFilter {
    Objects.requireNonNull(facility, "facility");
    Objects.requireNonNull(features, "features");
  }

  public static SpotFilter in(FacilityId facility) {
    return new SpotFilter(Optional.of(facility), SpotFeatures.NONE);
  }

  public SpotFilter having(SpotFeatures required) {
    return new SpotFilter(facility, required);
  }

  /** Whether a spot of {@code spotFacility} with {@code spotFeatures} is shown. */
  public boolean matches(FacilityId spotFacility, SpotFeatures spotFeatures) {
    return facility.map(spotFacility::equals).orElse(true) && spotFeatures.hasAll(features);
  }

  /** Whether spots of feature class {@code spotFeatures} are shown, whatever their facility. */
  public boolean matchesClass(SpotFeatures spotFeatures) {
    return spotFeatures.hasAll(features);
  }
}
