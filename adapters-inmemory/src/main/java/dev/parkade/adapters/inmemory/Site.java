package dev.parkade.adapters.inmemory;

import dev.parkade.domain.Facility;
import dev.parkade.domain.SpotFeatures;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One facility in memory: what it is, a free-spot index per feature class, and its {@link Tally}. A
 * start of needs {@code n} walks the classes that fit {@code n} in {@link
 * dev.parkade.domain.BestFit} order and takes from the first that counts a free spot: at most 16
 * classes, whatever the size of the lot.
 *
 * <p>The tally changes only as part of a ledger commit (see {@link Commit}), from the tally that
 * commit counted from to the one it carries; so the counts of a facility move in the same order as
 * the lot's, and a reader that has settled the ledger reads counts that agree with the sessions.
 */
final class Site {
  private static final VarHandle TALLY;

  static {
    try {
      TALLY = MethodHandles.lookup().findVarHandle(Site.class, "tally", Tally.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  final Facility facility;
  private final FreeSpots[] free = new FreeSpots[SpotFeatures.CLASSES];

  @SuppressWarnings("unused") // written through TALLY
  private volatile Tally tally = Tally.EMPTY;

  Site(Facility facility) {
    this.facility = facility;
    for (int mask = 0; mask < SpotFeatures.CLASSES; mask++) {
      free[mask] = new FreeSpots(this, SpotFeatures.ofMask(mask));
    }
  }

  /** The free spots of feature class {@code mask}. */
  FreeSpots free(int mask) {
    return free[mask];
  }

  /** The tally as of the last commit applied to this facility (or a later one). */
  Tally tally() {
    return tally;
  }

  /** Applies a commit's change of the tally; only its first applier wins. */
  void replaceTally(Tally expected, Tally next) {
    TALLY.compareAndSet(this, expected, next);
  }

  @Override
  public String toString() {
    return "Site[" + facility.id() + " " + tally + "]";
  }
}
