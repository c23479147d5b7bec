package dev.parkade.adapters.inmemory;

import dev.parkade.domain.SpotId;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.ConcurrentMap;

/**
 * The lot's counts, and the one place where every change to who holds what takes effect.
 *
 * <p>A change commits by replacing the {@link Tally} with compare-and-set; the new tally carries
 * the {@link Commit} until its effects are applied. Any thread that meets a tally with a commit
 * applies it and then clears it (helping), so no thread ever waits on another to finish a commit,
 * and a reader that finds a claim in flight can learn whether it has committed (see {@link
 * #settle(Claim)}). Every tally is a new object, so a compare-and-set can never mistake an old
 * tally for the current one (no ABA).
 */
final class Ledger {
  private static final VarHandle TALLY;

  static {
    try {
      TALLY = MethodHandles.lookup().findVarHandle(Ledger.class, "tally", Tally.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private volatile Tally tally = Tally.EMPTY;
  private final FreeSpots freeSpots;
  private final ConcurrentMap<SpotId, SpotSlot> catalogue;

  Ledger(FreeSpots freeSpots, ConcurrentMap<SpotId, SpotSlot> catalogue) {
    this.freeSpots = freeSpots;
    this.catalogue = catalogue;
  }

  /** The counts as of the last commit, read in one volatile read. */
  Tally current() {
    return tally;
  }

  /** The current tally after helping its commit, if any, to finish. */
  Tally settled() {
    for (; ; ) {
      Tally current = tally;
      Commit commit = current.commit();
      if (commit == null) {
        return current;
      }
      finish(current, commit);
    }
  }

  /**
   * Commits {@code change} if the tally is still {@code expected}, a tally that {@link #settled()}
   * returned, and applies it.
   */
  boolean commit(Tally expected, Commit change, long totalChange, long freeChange) {
    Tally next = expected.after(change, totalChange, freeChange);
    if (!TALLY.compareAndSet(this, expected, next)) {
      return false;
    }
    finish(next, change);
    return true;
  }

  /**
   * The phase of {@code claim} as of now. A claim in flight ({@code PENDING} or {@code Ending}) may
   * have committed already through a tally whose effects are still being applied; this applies them
   * first. The second read is what makes it exact: effects are applied before a tally is cleared,
   * so a claim that the tally does not name and whose phase is still in flight had not committed
   * when the tally was read.
   */
  Phase settle(Claim claim) {
    Phase phase = claim.rawPhase();
    if (phase == Phase.Stage.PENDING || phase instanceof Phase.Ending) {
      Tally current = tally;
      Commit commit = current.commit();
      if (commit != null && commit.decides(claim)) {
        finish(current, commit);
      }
      phase = claim.rawPhase();
    }
    return phase;
  }

  private void finish(Tally committed, Commit commit) {
    commit.apply(freeSpots, catalogue);
    TALLY.compareAndSet(this, committed, committed.settled());
  }
}
