package dev.parkade.adapters.web;

import dev.parkade.domain.InvalidValueException;
import dev.parkade.domain.SpotFeature;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Feature names as the contract spells them, in bodies and in query parameters alike. */
final class FeatureNames {
  private static final String KNOWN =
      Arrays.stream(SpotFeature.values()).map(Enum::name).collect(Collectors.joining(", "));

  private FeatureNames() {}

  static SpotFeature parse(String name) {
    for (SpotFeature feature : SpotFeature.values()) {
      if (feature.name().equals(name)) {
        return feature;
      }
    }
    throw new InvalidValueException(
        "feature", "must be one of " + KNOWN + ", was '" + shorten(name) + "'");
  }

  private static String shorten(String raw) {
    return raw.length() > 40 ? raw.substring(0, 40) + "…" : raw;
  }
}
