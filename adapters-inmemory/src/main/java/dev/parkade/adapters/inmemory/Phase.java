package dev.parkade.adapters.inmemory;

import java.time.Instant;

/**
 * Where a {@link Claim} stands. A claim moves {@code PENDING -> ACTIVE -> Ending -> Ended}, or
 * {@code PENDING -> ABORTED} when its start is refused. {@code PENDING} and {@code Ending} are in
 * flight: whether they have taken effect is decided by the {@link Ledger}.
 */
sealed interface Phase permits Phase.Stage, Phase.Ending, Phase.Ended {

  enum Stage implements Phase {
    /** Started, not yet committed: nobody may treat the session as existing. */
    PENDING,
    /** Committed: the session holds its spot. */
    ACTIVE,
    /** Refused before commit: the session never existed. */
    ABORTED
  }

  /**
   * One ender has won the right to end the session; not yet committed. The outcome is built before
   * the commit so that applying the commit only swaps references and cannot fail.
   */
  record Ending(Ended outcome) implements Phase {}

  /**
   * Committed end, at {@code endTime} (never before the start). Only the time is kept: the record
   * is built on read ({@link Claim#endedSession}), so that each of the many ended sessions a lot
   * keeps costs its claim and this, not a second copy of its fields.
   */
  record Ended(Instant endTime) implements Phase {}

  /** Whether a reader that settled this phase sees an active session. */
  default boolean isActive() {
    return this == Stage.ACTIVE || this instanceof Ending;
  }
}
