package dev.parkade.adapters.inmemory;

import dev.parkade.domain.LicensePlate;
import dev.parkade.domain.ParkingSession;
import dev.parkade.domain.SessionId;
import dev.parkade.domain.UserId;
import dev.parkade.domain.port.EndedSessionKey;
import dev.parkade.domain.port.NewSession;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One parking session over its whole life, from the start that claims its user and plate to the
 * ended record. The same object is the value in the user, plate and id indexes and the state of the
 * spot it holds, so that every index points at one source of truth: its {@link Phase}.
 */
final class Claim implements SlotState {
  private static final VarHandle PHASE;

  static {
    try {
      PHASE = MethodHandles.lookup().findVarHandle(Claim.class, "phase", Phase.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  // The request's fields rather than the request: one object less per active session.
  final SessionId id;
  final UserId user;
  final LicensePlate plate;
  private final Instant startTime;

  @SuppressWarnings("unused") // written through PHASE
  private volatile Phase phase = Phase.Stage.PENDING;

  // Written by the starting thread before its commit (again when it trades a spot for a better
  // fitting one), read by others only after the commit is seen.
  private volatile @Nullable SpotSlot spot;

  Claim(NewSession request) {
    this.id = request.id();
    this.user = request.userId();
    this.plate = request.plate();
    this.startTime = request.startTime();
  }

  /** The phase as last written; in-flight phases may already be committed (see the Ledger). */
  Phase rawPhase() {
    return phase;
  }

  boolean advance(Phase expected, Phase next) {
    return PHASE.compareAndSet(this, expected, next);
  }

  void hold(SpotSlot held) {
    this.spot = held;
  }

  /** Lets go of the spot held before the commit; the caller gives the slot back. */
  void drop() {
    this.spot = null;
  }

  boolean holdsSpot() {
    return spot != null;
  }

  /** The spot held; only for a claim that holds one. */
  SpotSlot spot() {
    SpotSlot held = spot;
    if (held == null) {
      throw new IllegalStateException(this + " holds no spot");
    }
    return held;
  }

  /**
   * The active record; only for a claim that holds its spot. Built on each read rather than kept: a
   * kept copy would cost a record per active session, a read is a few field copies.
   */
  ParkingSession activeSession() {
    SpotSlot held = spot();
    FreeSpots home = held.home();
    return ParkingSession.started(
        id, user, plate, held.id(), startTime, home.facilityId(), home.features);
  }

  /** How this claim ends when ended at {@code time}: never before its start. */
  Phase.Ended endingAt(Instant time) {
    return new Phase.Ended(ParkingSession.endTimeOf(startTime, time));
  }

  /** The ended record; only for a claim that holds its spot, ending or ended at {@code ended}. */
  ParkingSession endedSession(Phase.Ended ended) {
    SpotSlot held = spot();
    FreeSpots home = held.home();
    return new ParkingSession(
        id,
        user,
        plate,
        held.id(),
        startTime,
        Optional.of(ended.endTime()),
        home.facilityId(),
        home.features);
  }

  /** The ended record of a claim whose end is committed. */
  ParkingSession endedSession() {
    return endedSession(ended());
  }

  /** Where a claim whose end is committed sits in the history's order. */
  EndedSessionKey endedKey() {
    return new EndedSessionKey(ended().endTime(), id);
  }

  private Phase.Ended ended() {
    if (!(phase instanceof Phase.Ended ended)) {
      throw new IllegalStateException(this + " has not ended");
    }
    return ended;
  }

  @Override
  public String toString() {
    return "Claim[" + id + " " + phase + "]";
  }
}
