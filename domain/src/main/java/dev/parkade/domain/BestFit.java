package dev.parkade.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The matching rule of a start, defined here once for every storage and for the test model.
 *
 * <p>A spot of feature class {@code c} <em>fits</em> a start needing {@code n} when it has every
 * needed feature ({@code c ⊇ n}) and, if it is {@link SpotFeature#ACCESSIBLE}, the start needs
 * that: accessible spots are restricted to those who need them. Among the free fitting spots a
 * start gets one with the fewest other features ({@link #extra}); among equally fitting spots the
 * storage chooses. {@link #order} lists the fitting classes best first (fewest extra features, then
 * by mask), which is the order every storage tries them in: the first class that has a free spot is
 * one of the best fits.
 */
public final class BestFit {
  private static final SpotFeatures[][] ORDER = new SpotFeatures[SpotFeatures.CLASSES][];
  private static final int[][] MASKS = new int[SpotFeatures.CLASSES][];

  static {
    for (int needs = 0; needs < SpotFeatures.CLASSES; needs++) {
      List<SpotFeatures> fitting = new ArrayList<>();
      for (int spot = 0; spot < SpotFeatures.CLASSES; spot++) {
        if (fits(SpotFeatures.ofMask(needs), SpotFeatures.ofMask(spot))) {
          fitting.add(SpotFeatures.ofMask(spot));
        }
      }
      SpotFeatures need = SpotFeatures.ofMask(needs);
      fitting.sort(
          Comparator.comparingInt((SpotFeatures spot) -> extra(need, spot))
              .thenComparingInt(SpotFeatures::mask));
      ORDER[needs] = fitting.toArray(new SpotFeatures[0]);
      MASKS[needs] = fitting.stream().mapToInt(SpotFeatures::mask).toArray();
    }
  }

  private BestFit() {}

  /** Whether a spot with {@code spot} may go to a start needing {@code needs}. */
  public static boolean fits(SpotFeatures needs, SpotFeatures spot) {
    boolean restricted = spot.has(SpotFeature.ACCESSIBLE) && !needs.has(SpotFeature.ACCESSIBLE);
    return spot.hasAll(needs) && !restricted;
  }

  /** How many features a fitting spot has that the start does not need: lower fits better. */
  public static int extra(SpotFeatures needs, SpotFeatures spot) {
    return spot.size() - needs.size();
  }

  /** The feature classes that fit {@code needs}, best first. */
  public static List<SpotFeatures> order(SpotFeatures needs) {
    return List.of(ORDER[needs.mask()]);
  }

  /** How many classes fit {@code needs}: the length of {@link #order}. */
  public static int fittingClasses(SpotFeatures needs) {
    return MASKS[needs.mask()].length;
  }

  /**
   * The mask of the class at {@code rank} (0 the best) of {@link #order}: the same walk without a
   * list, for a storage's hot path.
   */
  public static int maskAt(SpotFeatures needs, int rank) {
    return MASKS[needs.mask()][rank];
  }
}
