package dev.parkade.adapters.inmemory;

import dev.parkade.domain.BestFit;
import dev.parkade.domain.FacilityId;
import dev.parkade.domain.SpotFeatures;
import dev.parkade.domain.port.FacilityCounts;
import java.util.Arrays;

/**
 * A facility's counts per feature class as of one commit, and whether the facility is deleted:
 * immutable, so that one volatile read of a {@link Site}'s tally gives every count of the facility
 * at one instant. Each commit that changes a facility replaces its tally by a new object, so a
 * compare-and-set from the tally it counted from can never mistake an old one for the current one.
 */
final class Tally {
  static final Tally EMPTY = new Tally(new long[0], new long[0], false);

  // Indexed by class mask, both as long as the highest class that has had a spot here: most
  // facilities use a few low classes (an untyped lot, one), and every start and end copies the
  // free counts. Never changed once the tally is built; totals are shared by the tallies of starts
  // and ends.
  private final long[] total;
  private final long[] free;
  private final boolean deleted;

  private Tally(long[] total, long[] free, boolean deleted) {
    this.total = total;
    this.free = free;
    this.deleted = deleted;
  }

  /** This tally with class {@code mask} changed by the given amounts. */
  Tally adjust(int mask, long totalChange, long freeChange) {
    int length = Math.max(free.length, mask + 1);
    long[] nextTotal = total;
    if (totalChange != 0 || length > total.length) {
      nextTotal = Arrays.copyOf(total, length);
      nextTotal[mask] += totalChange;
    }
    long[] nextFree = Arrays.copyOf(free, length);
    nextFree[mask] += freeChange;
    return new Tally(nextTotal, nextFree, deleted);
  }

  /** The tally of the facility once deleted. */
  Tally asDeleted() {
    return new Tally(total, free, true);
  }

  boolean deleted() {
    return deleted;
  }

  boolean hasSpots() {
    for (long spots : total) {
      if (spots != 0) {
        return true;
      }
    }
    return false;
  }

  /**
   * The rank in {@link BestFit#order} of the best class fitting {@code needs} that has a free spot
   * (counted free: it may be held by a start about to commit, or being removed), or -1 when none
   * has: the class a start with these needs must take its spot from.
   */
  int bestFreeRank(SpotFeatures needs) {
    int classes = BestFit.fittingClasses(needs);
    for (int rank = 0; rank < classes; rank++) {
      int mask = BestFit.maskAt(needs, rank);
      if (mask < free.length && free[mask] > 0) {
        return rank;
      }
    }
    return -1;
  }

  FacilityCounts counts(FacilityId facility) {
    return new FacilityCounts(
        facility,
        Arrays.copyOf(total, SpotFeatures.CLASSES),
        Arrays.copyOf(free, SpotFeatures.CLASSES));
  }

  @Override
  public String toString() {
    return counts(FacilityId.DEFAULT) + (deleted ? " deleted" : "");
  }
}
