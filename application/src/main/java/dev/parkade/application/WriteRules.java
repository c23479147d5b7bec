package dev.parkade.application;

import dev.parkade.domain.FacilityId;
import dev.parkade.domain.InvalidValueException;
import dev.parkade.domain.ParkingSession;
import dev.parkade.domain.SessionId;
import dev.parkade.domain.SpotId;
import dev.parkade.domain.port.SessionStore;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the writes with a key ({@link KeyedParking}) and without ({@link ParkingService}) decide
 * alike, in one place: the service's time, who may see a session, and the bounds of the contract.
 */
final class WriteRules {
  private final SessionStore sessions;
  private final Clock clock;

  WriteRules(SessionStore sessions, Clock clock) {
    this.sessions = Objects.requireNonNull(sessions, "sessions");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Sessions keep milliseconds, the precision of the API, whatever the clock: decided here alone,
   * and within what every storage keeps exactly.
   */
  Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  /** The session, if the caller may see it: someone else's is as absent as an unknown id. */
  Optional<ParkingSession> visible(Caller caller, SessionId id) {
    return sessions.find(id).filter(caller::maySee);
  }

  /** 1 to {@link Limits#MAX_SPOTS_PER_ADD} distinct ids, else invalid naming {@code ids}. */
  static void requireSpotIds(List<SpotId> ids) {
    if (ids.isEmpty() || ids.size() > Limits.MAX_SPOTS_PER_ADD) {
      throw new InvalidValueException(
          "ids", "must hold 1 to " + Limits.MAX_SPOTS_PER_ADD + " spot ids, held " + ids.size());
    }
    HashSet<SpotId> seen = new HashSet<>();
    for (SpotId id : ids) {
      if (!seen.add(id)) {
        throw new InvalidValueException("ids", "names " + id + " more than once");
      }
    }
  }

  /** The default facility always exists: deleting it is invalid. */
  static void requireDeletable(FacilityId id) {
    if (id.equals(FacilityId.DEFAULT)) {
      throw new InvalidValueException("facilityId", "the default facility cannot be deleted");
    }
  }
}
