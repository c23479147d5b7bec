package dev.parkade.adapters.inmemory;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The one place where every change to who holds what takes effect, and the lot's counts with it.
 *
 * <p>The ledger points at the last {@link Commit}, which carries the counts as of that change. A
 * change commits by swinging that pointer from the last commit to itself with compare-and-set,
 * which it may only do once the last commit's effects are applied. Any thread that meets a commit
 * not yet applied applies it (helping), so no thread ever waits on another to finish a commit, and
 * a reader that finds a claim in flight can learn whether it has committed (see {@link
 * #settle(Claim)}). Every commit is a new object, published once, so a compare-and-set can never
 * mistake an old commit for the current one (no ABA); committing allocates nothing beyond it.
 */
final class Ledger {
  private static final VarHandle LAST;

  static {
    try {
      LAST = MethodHandles.lookup().findVarHandle(Ledger.class, "last", Commit.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private volatile Commit last = new Commit.Origin();

  /** The last commit, whose counts are the lot's, read in one volatile read. */
  Commit current() {
    return last;
  }

  /** The last commit, after helping to apply it if nobody has yet. */
  Commit settled() {
    Commit current = last;
    if (!current.isApplied()) {
      current.finish();
    }
    return current;
  }

  /**
   * Commits {@code change} if the last commit is still {@code expected}, one that {@link
   * #settled()} returned, and applies it. {@code change} must not have been committed before.
   */
  boolean commit(Commit expected, Commit change, long totalChange, long freeChange) {
    change.countFrom(expected, totalChange, freeChange);
    if (!LAST.compareAndSet(this, expected, change)) {
      return false;
    }
    change.finish();
    return true;
  }

  /**
   * The phase of {@code claim} as of now. A claim in flight ({@code PENDING} or {@code Ending}) may
   * have committed already through a commit whose effects are still being applied; this applies
   * them first. The second read is what makes it exact: a commit's effects are applied before the
   * next commit can take its place, so a claim that the last commit does not decide and whose phase
   * is still in flight had not committed when the ledger was read.
   */
  Phase settle(Claim claim) {
    Phase phase = claim.rawPhase();
    if (phase == Phase.Stage.PENDING || phase instanceof Phase.Ending) {
      Commit current = last;
      if (!current.isApplied() && current.decides(claim)) {
        current.finish();
      }
      phase = claim.rawPhase();
    }
    return phase;
  }
}
