package dev.parkade.adapters.inmemory;

import dev.parkade.domain.FacilityId;
import java.util.List;
import java.util.concurrent.ConcurrentMap;
import org.jspecify.annotations.Nullable;

/**
 * A change that takes effect at one compare-and-set in the {@link Ledger}, carrying the lot's
 * counts as of that change and, for a change of one facility, that facility's {@link Tally}; its
 * other effects (phases, spot states, the free queues, the facility's tally) any thread may apply.
 * Applying is idempotent: every step is a compare-and-set that only its first applier wins. It must
 * not fail either: until some thread has applied it, every writer would meet it again, so
 * everything that could fail (building records) happens before the commit.
 */
abstract sealed class Commit {
  // The counts once this commit has taken effect. Written only by the committing thread before the
  // compare-and-set that publishes the commit (a commit that lost its compare-and-set was seen by
  // nobody and may be counted again for the next attempt), so readers of the ledger see them.
  private long total;
  private long free;
  // The facility this commit changes, and its tally before and after; set like the counts.
  private @Nullable Site site;
  private @Nullable Tally tallyBefore;
  private @Nullable Tally tallyAfter;
  private volatile boolean applied;

  Commit() {}

  private Commit(boolean applied) {
    this.applied = applied;
  }

  long total() {
    return total;
  }

  long free() {
    return free;
  }

  /** Counts this commit as {@code previous} changed by the given amounts; before publishing it. */
  void countFrom(Commit previous, long totalChange, long freeChange) {
    total = previous.total + totalChange;
    free = previous.free + freeChange;
  }

  /**
   * Makes this commit change {@code changed}'s tally from {@code before}, the tally read after the
   * ledger was settled at the commit this one counts from, to {@code after}; before publishing it.
   */
  void countIn(Site changed, Tally before, Tally after) {
    site = changed;
    tallyBefore = before;
    tallyAfter = after;
  }

  boolean isApplied() {
    return applied;
  }

  /** Applies the effects, then says so; any number of threads may call it. */
  void finish() {
    Site changed = site;
    Tally before = tallyBefore;
    Tally after = tallyAfter;
    if (changed != null && before != null && after != null) {
      changed.replaceTally(before, after);
    }
    apply();
    applied = true;
  }

  abstract void apply();

  /** Whether this commit decides the phase of {@code claim}. */
  boolean decides(Claim claim) {
    return false;
  }

  /** The empty lot, before any change. */
  static final class Origin extends Commit {
    Origin() {
      super(true);
    }

    @Override
    void apply() {}
  }

  /** A start: its claim holds a spot and becomes active. */
  static final class SessionStarted extends Commit {
    private final Claim claim;

    SessionStarted(Claim claim) {
      this.claim = claim;
    }

    @Override
    void apply() {
      claim.advance(Phase.Stage.PENDING, Phase.Stage.ACTIVE);
    }

    @Override
    boolean decides(Claim other) {
      return claim == other;
    }
  }

  /** An end: the claim is ended and its spot goes back to the free queue. */
  static final class SessionEnded extends Commit {
    private final Claim claim;
    private final Phase.Ending ending;

    SessionEnded(Claim claim, Phase.Ending ending) {
      this.claim = claim;
      this.ending = ending;
    }

    @Override
    void apply() {
      claim.advance(ending, ending.outcome());
      SpotSlot spot = claim.spot();
      spot.home().release(spot, claim);
    }

    @Override
    boolean decides(Claim other) {
      return claim == other;
    }
  }

  /** New spots join the lot, free. */
  static final class SpotsAdded extends Commit {
    private final List<SpotSlot> slots;

    SpotsAdded(List<SpotSlot> slots) {
      this.slots = slots;
    }

    @Override
    void apply() {
      for (SpotSlot slot : slots) {
        slot.home().release(slot, SpotSlot.Marker.ADDING);
      }
    }
  }

  /** A free spot leaves the lot. */
  static final class SpotRemoved extends Commit {
    private final SpotSlot slot;

    SpotRemoved(SpotSlot slot) {
      this.slot = slot;
    }

    @Override
    void apply() {
      slot.transition(SpotSlot.Marker.REMOVING, SpotSlot.Marker.GONE);
    }
  }

  /** An empty facility leaves the deployment: its tally says deleted, and the map forgets it. */
  static final class FacilityDeleted extends Commit {
    private final ConcurrentMap<FacilityId, Site> sites;
    private final Site deleted;

    FacilityDeleted(ConcurrentMap<FacilityId, Site> sites, Site deleted) {
      this.sites = sites;
      this.deleted = deleted;
    }

    @Override
    void apply() {
      sites.remove(deleted.facility.id(), deleted);
    }
  }
}
