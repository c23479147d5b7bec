package dev.parkade.domain;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;

/**
 * A set of {@link SpotFeature}s: what a spot has, or what a start needs. Kept as a 4-bit mask, the
 * spot's <em>feature class</em> 0 to 15, which is how every storage indexes and counts spots.
 */
public record SpotFeatures(int mask) {
  /** How many feature classes there are: every subset of the features. */
  public static final int CLASSES = 16;

  /** A standard car spot, or a start that needs nothing. */
  public static final SpotFeatures NONE = new SpotFeatures(0);

  private static final SpotFeatures[] BY_MASK = new SpotFeatures[CLASSES];

  static {
    for (int mask = 0; mask < CLASSES; mask++) {
      BY_MASK[mask] = new SpotFeatures(mask);
    }
  }

  public SpotFeatures {
    if (mask < 0 || mask >= CLASSES) {
      throw new InvalidValueException(
          "features", "must be a feature class 0 to " + (CLASSES - 1) + ", was " + mask);
    }
  }

  /** The set of feature class {@code mask}, shared. */
  public static SpotFeatures ofMask(int mask) {
    if (mask < 0 || mask >= CLASSES) {
      return new SpotFeatures(mask); // refuses it
    }
    return BY_MASK[mask];
  }

  public static SpotFeatures of(SpotFeature... features) {
    return of(Set.of(features));
  }

  public static SpotFeatures of(Collection<SpotFeature> features) {
    int mask = 0;
    for (SpotFeature feature : features) {
      mask |= feature.bit();
    }
    return BY_MASK[mask];
  }

  public boolean has(SpotFeature feature) {
    return (mask & feature.bit()) != 0;
  }

  /** Whether every feature of {@code other} is in this set. */
  public boolean hasAll(SpotFeatures other) {
    return (mask & other.mask) == other.mask;
  }

  public int size() {
    return Integer.bitCount(mask);
  }

  /** The features, in their declaration order. */
  public Set<SpotFeature> set() {
    EnumSet<SpotFeature> set = EnumSet.noneOf(SpotFeature.class);
    for (SpotFeature feature : SpotFeature.values()) {
      if (has(feature)) {
        set.add(feature);
      }
    }
    return set;
  }

  @Override
  public String toString() {
    return set().toString();
  }
}
