package dev.parkade.domain.port;

import dev.parkade.domain.ParkingException;
import dev.parkade.domain.ParkingFailure;
import dev.parkade.domain.ParkingSession;
import dev.parkade.domain.SessionId;
import dev.parkade.domain.SpotId;
import dev.parkade.domain.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Parking sessions and the spots they hold. Each state change is one call and one atomic unit: a
 * start claims a spot and records the session together, an end frees the spot and records the end
 * together, so no caller can ever see or leave one half of it. An in-memory adapter makes each call
 * atomic with compare-and-set; a database adapter makes each call one transaction.
 *
 * <p>Refusals are {@link ParkingException}s with the failure named on each method. Whatever the
 * number of callers, a spot belongs to at most one active session, and a user and a plate have at
 * most one active session each.
 *
 * <p>Times come whole to the millisecond, the precision the application gives every session; every
 * storage keeps that exactly, so what a call returns is what a later read gives back.
 */
public interface SessionStore {

  /**
   * Claims a free spot and records an active session for it.
   *
   * @throws ParkingException {@code USER_HAS_ACTIVE_SESSION} if the user has one, else {@code
   *     VEHICLE_ALREADY_PARKED} if the plate has one, else {@code NO_SPOTS_AVAILABLE}; a refused
   *     start leaves nothing behind
   */
  ParkingSession start(NewSession session);

  /**
   * Ends a session, frees its spot and keeps the ended record. Of two concurrent ends of one
   * session exactly one succeeds.
   *
   * @throws ParkingException {@code SESSION_NOT_FOUND} or {@code SESSION_ALREADY_ENDED}
   */
  ParkingSession end(SessionId id, Instant endTime);

  /**
   * Ends session {@code id} as {@link #end} does, if it is {@code owner}'s. Another user's session
   * is refused exactly as an unknown id, so ids cannot be probed, and stays as it was. An adapter
   * may check the owner in the same write as the end, instead of a read before it.
   *
   * @throws ParkingException {@code SESSION_NOT_FOUND} (unknown or another user's) or {@code
   *     SESSION_ALREADY_ENDED} (the owner's, ended before)
   */
  default ParkingSession endOwn(SessionId id, UserId owner, Instant endTime) {
    boolean owned = find(id).map(session -> session.userId().equals(owner)).orElse(false);
    if (!owned) {
      throw ParkingFailure.SESSION_NOT_FOUND.exception();
    }
    return end(id, endTime);
  }

  /**
   * Ends whatever session the user has active at the moment of the call.
   *
   * @throws ParkingException {@code NO_ACTIVE_SESSION}
   */
  ParkingSession endActiveSessionOf(UserId user, Instant endTime);

  /** The user's active session, read without taking any lock. */
  Optional<ParkingSession> activeSessionOf(UserId user);

  /** A session, active or ended, while storage still keeps it. */
  Optional<ParkingSession> find(SessionId id);

  /** Up to {@code limit} active sessions in the order of their spot ids, after the given spot. */
  List<ParkingSession> activeSessions(Optional<SpotId> afterSpot, int limit);

  /** Up to {@code limit} ended sessions, newest first ({@link EndedSessionKey#NEWEST_FIRST}). */
  List<ParkingSession> endedSessions(Optional<EndedSessionKey> after, int limit);
}
