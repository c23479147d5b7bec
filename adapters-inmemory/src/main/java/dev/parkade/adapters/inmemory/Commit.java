package dev.parkade.adapters.inmemory;

import dev.parkade.domain.SpotId;
import java.util.List;
import java.util.concurrent.ConcurrentMap;

/**
 * A change that has taken effect in the {@link Tally} and whose other effects (phases, spot states,
 * the free queue) any thread may apply. Applying is idempotent: every step is a compare-and-set
 * that only its first applier wins. It must not fail either: until some thread has applied it, the
 * tally keeps it and every writer would meet it again, so everything that could fail (building
 * records) happens before the commit.
 */
sealed interface Commit {

  void apply(FreeSpots freeSpots, ConcurrentMap<SpotId, SpotSlot> catalogue);

  /** Whether this commit decides the phase of {@code claim}. */
  default boolean decides(Claim claim) {
    return false;
  }

  /** A start: its claim holds a spot and becomes active. */
  record Started(Claim claim) implements Commit {
    @Override
    public void apply(FreeSpots freeSpots, ConcurrentMap<SpotId, SpotSlot> catalogue) {
      claim.advance(Phase.Stage.PENDING, Phase.Stage.ACTIVE);
    }

    @Override
    public boolean decides(Claim other) {
      return claim == other;
    }
  }

  /** An end: the claim is ended and its spot goes back to the free queue. */
  record Ended(Claim claim, Phase.Ending ending) implements Commit {
    @Override
    public void apply(FreeSpots freeSpots, ConcurrentMap<SpotId, SpotSlot> catalogue) {
      claim.advance(ending, ending.outcome());
      freeSpots.release(claim.spot(), claim);
    }

    @Override
    public boolean decides(Claim other) {
      return claim == other;
    }
  }

  /** New spots join the lot, free. */
  record SpotsAdded(List<SpotSlot> slots) implements Commit {
    @Override
    public void apply(FreeSpots freeSpots, ConcurrentMap<SpotId, SpotSlot> catalogue) {
      for (SpotSlot slot : slots) {
        freeSpots.release(slot, SpotSlot.Marker.ADDING);
      }
    }
  }

  /** A free spot leaves the lot. */
  record SpotRemoved(SpotSlot slot) implements Commit {
    @Override
    public void apply(FreeSpots freeSpots, ConcurrentMap<SpotId, SpotSlot> catalogue) {
      if (slot.transition(SpotSlot.Marker.REMOVING, SpotSlot.Marker.GONE)) {
        catalogue.remove(slot.id, slot);
      }
    }
  }
}
