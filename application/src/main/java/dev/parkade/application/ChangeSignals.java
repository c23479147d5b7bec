package dev.parkade.application;

import dev.parkade.domain.FacilityId;
import dev.parkade.domain.ParkingSession;
import dev.parkade.domain.UserId;
import dev.parkade.domain.port.Changes;
import dev.parkade.domain.port.SessionChange;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * The signal every write leaves for the live publisher (ADR 0016): which facilities and sessions
 * changed, never the new state. Signalling is constant-time and lock-free, so that a start or an
 * end pays no JSON, no I/O and no lock for being watched: a flag per facility, read before it is
 * written so that writers of a busy facility share its cache line until the publisher clears it,
 * and a session change only when someone may watch it (a stream on this node, or any other node
 * sharing the storage). One publisher drains the signals.
 */
public final class ChangeSignals {
  private static final int RING = 16_384;

  private final ConcurrentHashMap<FacilityId, AtomicBoolean> dirty = new ConcurrentHashMap<>();
  private final AtomicBoolean everything = new AtomicBoolean();
  private final AtomicBoolean sessionsLost = new AtomicBoolean();
  private final ConcurrentHashMap<UserId, AtomicInteger> watched = new ConcurrentHashMap<>();
  private final SessionChangeRing sessions = new SessionChangeRing(RING);
  private final boolean shared;

  /**
   * @param shared whether other processes share the storage, so that every session change is kept
   *     for them and not only those of users watched here
   */
  public ChangeSignals(boolean shared) {
    this.shared = shared;
  }

  /** Signals for a process alone on its storage. */
  public ChangeSignals() {
    this(false);
  }

  /** The facility's counts may have changed. */
  public void facilityChanged(FacilityId facility) {
    AtomicBoolean flag = dirty.get(facility);
    if (flag == null) {
      flag = dirty.computeIfAbsent(facility, f -> new AtomicBoolean());
    }
    if (!flag.get()) {
      flag.set(true);
    }
  }

  /** A change whose facilities are not known (a spot removed, a facility created or deleted). */
  public void everythingChanged() {
    if (!everything.get()) {
      everything.set(true);
    }
  }

  /**
   * Session changes were lost (another process's, or ours unsent): drivers' streams may be behind.
   */
  public void sessionsLost() {
    everythingChanged();
    if (!sessionsLost.get()) {
      sessionsLost.set(true);
    }
  }

  /** The session started or ended: its facility's counts moved, and its driver may be watching. */
  public void sessionChanged(ParkingSession session) {
    facilityChanged(session.facilityId());
    if (shared || watched.containsKey(session.userId())) {
      sessions.offer(new SessionChange(session.userId(), session.id()));
    }
  }

  /** A session change another process relayed, kept when {@code watchedHere} has its driver. */
  void sessionChanged(SessionChange change, Predicate<UserId> watchedHere) {
    if (watchedHere.test(change.user())) {
      sessions.offer(change);
    }
  }

  /** Whether {@code user} has a stream of their sessions open here. */
  public boolean isWatched(UserId user) {
    return watched.containsKey(user);
  }

  /**
   * A stream of {@code user}'s sessions opened here; each {@code watch} has its {@code unwatch}.
   */
  public void watch(UserId user) {
    watched.compute(
        user,
        (u, count) -> {
          AtomicInteger c = count == null ? new AtomicInteger() : count;
          c.incrementAndGet();
          return c;
        });
  }

  public void unwatch(UserId user) {
    watched.computeIfPresent(user, (u, count) -> count.decrementAndGet() == 0 ? null : count);
  }

  /** Everything signalled since the last drain; one caller at a time (the publisher). */
  public Changes drain() {
    Set<FacilityId> facilities = new HashSet<>();
    dirty.forEach(
        (facility, flag) -> {
          if (flag.get() && flag.getAndSet(false)) {
            facilities.add(facility);
          }
        });
    List<SessionChange> changed = new ArrayList<>();
    boolean complete = sessions.drainTo(changed);
    boolean resync = everything.get() && everything.getAndSet(false);
    boolean lost = !complete || (sessionsLost.get() && sessionsLost.getAndSet(false));
    return new Changes(facilities, changed, resync || lost, lost);
  }
}
