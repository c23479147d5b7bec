package dev.parkade.adapters.inmemory;

import dev.parkade.domain.SpotId;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One spot and its compare-and-set state, the single source of truth for who holds it: a {@link
 * Marker} or the {@link Claim} holding it (pending or committed).
 */
final class SpotSlot {
  private static final VarHandle STATE;

  static {
    try {
      STATE = MethodHandles.lookup().findVarHandle(SpotSlot.class, "state", Object.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** The states of a spot that no claim holds. */
  enum Marker {
    /** Being added, not yet committed: not part of the lot. */
    ADDING,
    /** Part of the lot and held by nobody; such a slot sits in the free queue. */
    FREE,
    /** Being removed, not yet committed: still counted free, but nobody may take it. */
    REMOVING,
    /** Not part of the lot (removed, or its add was rolled back). */
    GONE
  }

  final SpotId id;

  @SuppressWarnings("unused") // written through STATE
  private volatile Object state;

  SpotSlot(SpotId id, Marker initial) {
    this.id = id;
    this.state = initial;
  }

  Object state() {
    return state;
  }

  boolean transition(Object expected, Object next) {
    return STATE.compareAndSet(this, expected, next);
  }

  @Override
  public String toString() {
    return "SpotSlot[" + id + " " + state + "]";
  }
}
