package dev.parkade.adapters.inmemory;

import dev.parkade.domain.SpotId;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One spot and its compare-and-set {@link SlotState}, the single source of truth for who holds it:
 * a {@link Marker} or the {@link Claim} holding it (pending or committed).
 *
 * <p>The id is kept as its ASCII bytes (a spot id is ASCII by its spelling rule) rather than as a
 * {@link SpotId}: a lot of a million spots would otherwise keep a million records and strings, 40
 * bytes a spot, for ids that are read only when a session or a listing names its spot.
 */
final class SpotSlot {
  private static final VarHandle STATE;

  static {
    try {
      STATE = MethodHandles.lookup().findVarHandle(SpotSlot.class, "state", SlotState.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** The states of a spot that no claim holds. */
  enum Marker implements SlotState {
    /** Being added, not yet committed: not part of the lot. */
    ADDING,
    /** Part of the lot and held by nobody; such a slot sits in the free queue. */
    FREE,
    /** Being removed, not yet committed: still counted free, but nobody may take it. */
    REMOVING,
    /** Removed: not part of the lot, for good (adding the id again makes a new slot). */
    GONE
  }

  private final byte[] id;
  private final FreeSpots home;

  @SuppressWarnings("unused") // written through STATE
  private volatile SlotState state;

  /**
   * @param home the free index of the spot's facility and feature class: where it is queued when
   *     free, and so where it is and what it has
   */
  SpotSlot(SpotId id, FreeSpots home, Marker initial) {
    this.id = bytesOf(id);
    this.home = home;
    this.state = initial;
  }

  FreeSpots home() {
    return home;
  }

  /** The spot's id, built anew on each call. */
  SpotId id() {
    return new SpotId(new String(id, StandardCharsets.ISO_8859_1)); // ASCII: a plain copy
  }

  /** Orders like {@link SpotId#compareTo}: for ASCII, byte order is character order. */
  int compareTo(byte[] otherId) {
    return Arrays.compare(id, otherId);
  }

  int compareTo(SpotSlot other) {
    return compareTo(other.id);
  }

  static byte[] bytesOf(SpotId id) {
    return id.value().getBytes(StandardCharsets.US_ASCII);
  }

  SlotState state() {
    return state;
  }

  boolean transition(SlotState expected, SlotState next) {
    return STATE.compareAndSet(this, expected, next);
  }

  @Override
  public String toString() {
    return "SpotSlot[" + id() + " " + state + "]";
  }
}
