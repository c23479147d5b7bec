package dev.parkade.domain.port;

import dev.parkade.domain.FacilityId;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What changed since the last look, never the new state: the facilities whose counts may have moved
 * and the sessions that started or ended. A reader reads the state itself, so a change named twice
 * or named for nothing costs a read and no more. {@code resync} means that every facility is to be
 * read again (a change whose facility is not known, or changes lost); {@code sessionsLost}, that
 * session changes were lost (a full buffer, a lost connection), so that a driver's stream may be
 * behind.
 */
public record Changes(
    Set<FacilityId> facilities,
    List<SessionChange> sessions,
    boolean resync,
    boolean sessionsLost) {
  public static final Changes NONE = new Changes(Set.of(), List.of(), false, false);

  /** Changes that lost nothing. */
  public Changes(Set<FacilityId> facilities, List<SessionChange> sessions, boolean resync) {
    this(facilities, sessions, resync, false);
  }

  /** Everything may have changed, and session changes were lost. */
  public static Changes lost() {
    return new Changes(Set.of(), List.of(), true, true);
  }

  public Changes {
    facilities = Set.copyOf(Objects.requireNonNull(facilities, "facilities"));
    sessions = List.copyOf(Objects.requireNonNull(sessions, "sessions"));
  }

  public boolean isEmpty() {
    return facilities.isEmpty() && sessions.isEmpty() && !resync && !sessionsLost;
  }
}
