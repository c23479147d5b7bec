package dev.parkade.adapters.inmemory;

import dev.parkade.domain.FacilityId;
import dev.parkade.domain.SpotFeatures;
import dev.parkade.domain.SpotId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.jspecify.annotations.Nullable;

/**
 * The index of the free spots of one facility and feature class: a lock-free queue holding every
 * {@link SpotSlot.Marker#FREE} slot of the class, so that a start takes a spot in constant time
 * however full the lot is, and the first N free spots cost N, never the size of the lot. The slot
 * state stays the source of truth: the queue only says where to look, and a taker still wins the
 * slot by compare-and-set. Each slot names the index it belongs to ({@link SpotSlot#home()}), which
 * is also where it is, and what it has.
 */
final class FreeSpots {
  private final ConcurrentLinkedQueue<SpotSlot> queue = new ConcurrentLinkedQueue<>();
  final Site site;
  final SpotFeatures features;

  FreeSpots(Site site, SpotFeatures features) {
    this.site = site;
    this.features = features;
  }

  FacilityId facilityId() {
    return site.facility.id();
  }

  /**
   * Takes a free slot for {@code claim}, or answers {@code null} when the queue has none right now.
   * Slots that stopped being free while queued (being removed) are dropped on the way.
   */
  @Nullable SpotSlot take(Claim claim) {
    for (SpotSlot slot = queue.poll(); slot != null; slot = queue.poll()) {
      if (slot.transition(SpotSlot.Marker.FREE, claim)) {
        return slot;
      }
    }
    return null;
  }

  /** Frees {@code slot} if it is still in state {@code from}; only the first caller queues it. */
  void release(SpotSlot slot, SlotState from) {
    if (slot.transition(from, SpotSlot.Marker.FREE)) {
      queue.offer(slot);
    }
  }

  /** Forgets a removed slot so that it does not linger in the queue (linear, for rare removals). */
  void forget(SpotSlot slot) {
    queue.remove(slot);
  }

  /**
   * Up to {@code limit} free spots, in the order they will be handed out. A slot can be queued
   * twice for a moment (a start took it from the catalogue while its freer was about to queue it),
   * so the listing skips repeats.
   */
  List<SpotId> first(int limit) {
    List<SpotId> ids = new ArrayList<>(Math.min(limit, 1024));
    addFirst(ids, limit);
    return ids;
  }

  /** Adds up to {@code limit - ids.size()} free spots of this index to {@code ids}. */
  void addFirst(List<SpotId> ids, int limit) {
    Set<SpotSlot> seen =
        Collections.newSetFromMap(new IdentityHashMap<>(Math.min(limit - ids.size(), 1024)));
    for (SpotSlot slot : queue) {
      if (ids.size() >= limit) {
        break;
      }
      if (slot.state() == SpotSlot.Marker.FREE && seen.add(slot)) {
        ids.add(slot.id());
      }
    }
  }

  @Override
  public String toString() {
    return "FreeSpots[" + facilityId() + " " + features + "]";
  }
}
