package dev.parkade.adapters.inmemory;

import org.jspecify.annotations.Nullable;

/**
 * The lot's counts at one instant, and the commit that produced them while its effects are still
 * being applied. Immutable: the {@link Ledger} replaces it as a whole with compare-and-set.
 *
 * @param commit the commit whose effects may not all be visible yet, or {@code null} once settled
 */
record Tally(long total, long free, @Nullable Commit commit) {
  static final Tally EMPTY = new Tally(0, 0, null);

  Tally settled() {
    return new Tally(total, free, null);
  }

  Tally after(Commit next, long totalChange, long freeChange) {
    return new Tally(total + totalChange, free + freeChange, next);
  }
}
