package dev.parkade.application;

import static dev.parkade.domain.ParkingFailure.FACILITY_NOT_FOUND;
import static dev.parkade.domain.ParkingFailure.NO_ACTIVE_SESSION;
import static dev.parkade.domain.ParkingFailure.SESSION_NOT_FOUND;

import dev.parkade.domain.Facility;
import dev.parkade.domain.FacilityId;
import dev.parkade.domain.InvalidValueException;
import dev.parkade.domain.ParkingException;
import dev.parkade.domain.ParkingSession;
import dev.parkade.domain.SessionId;
import dev.parkade.domain.SessionStatus;
import dev.parkade.domain.SpotFeatures;
import dev.parkade.domain.SpotId;
import dev.parkade.domain.UserId;
import dev.parkade.domain.port.FacilityCatalogue;
import dev.parkade.domain.port.FacilityCounts;
import dev.parkade.domain.port.NewSession;
import dev.parkade.domain.port.Occupancy;
import dev.parkade.domain.port.SessionStore;
import dev.parkade.domain.port.Spot;
import dev.parkade.domain.port.SpotFilter;
import dev.parkade.domain.port.SpotInventory;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Parkade's use cases. Each state change is a single call to a port, so its atomicity is the
 * adapter's (compare-and-set in memory, one transaction in a database); this class adds what
 * belongs to no storage: time, ids, who may see what, and the bounds of the contract.
 *
 * <p>Refusals are {@link ParkingException}s; input outside the contract is an {@link
 * InvalidValueException} naming the field.
 */
public final class ParkingService {
  private final SessionStore sessions;
  private final SpotInventory spots;
  private final WriteRules rules;
  private final SessionIdGenerator ids;
  private final ChangeSignals signals;

  public ParkingService(
      SessionStore sessions, SpotInventory spots, Clock clock, SessionIdGenerator ids) {
    this(sessions, spots, clock, ids, new ChangeSignals());
  }

  /**
   * @param signals where each change is signalled once made, for the live events
   */
  public ParkingService(
      SessionStore sessions,
      SpotInventory spots,
      Clock clock,
      SessionIdGenerator ids,
      ChangeSignals signals) {
    this.signals = Objects.requireNonNull(signals, "signals");
    this.sessions = Objects.requireNonNull(sessions, "sessions");
    this.spots = Objects.requireNonNull(spots, "spots");
    this.rules = new WriteRules(sessions, clock);
    this.ids = Objects.requireNonNull(ids, "ids");
  }

  // ---------------------------------------------------------------- drivers

  /**
   * Reserves a free spot of the facility for the driver's vehicle, now: one having every needed
   * feature and the fewest others ({@link dev.parkade.domain.BestFit}). Refused with {@code
   * USER_HAS_ACTIVE_SESSION}, {@code VEHICLE_ALREADY_PARKED}, {@code FACILITY_NOT_FOUND} or {@code
   * NO_SPOTS_AVAILABLE}, in that order.
   */
  public ParkingSession startSession(StartSession command) {
    return changed(
        sessions.start(
            new NewSession(
                ids.next(),
                command.user(),
                command.plate(),
                now(),
                command.facility(),
                command.needs())));
  }

  private ParkingSession changed(ParkingSession session) {
    signals.sessionChanged(session);
    return session;
  }

  /** The driver's active session; refused with {@code NO_ACTIVE_SESSION}. */
  public ParkingSession currentSession(UserId user) {
    return sessions.activeSessionOf(user).orElseThrow(NO_ACTIVE_SESSION::exception);
  }

  /** Ends the driver's active session, now; refused with {@code NO_ACTIVE_SESSION}. */
  public ParkingSession endCurrentSession(UserId user) {
    return changed(sessions.endActiveSessionOf(user, now()));
  }

  /**
   * A session the caller may see. Someone else's session is {@code SESSION_NOT_FOUND}, exactly as
   * an unknown id, so ids cannot be probed.
   */
  public ParkingSession session(Caller caller, SessionId id) {
    return visible(caller, id).orElseThrow(SESSION_NOT_FOUND::exception);
  }

  /**
   * Ends a session by id, now: the owner's or, for an operator, anyone's. Refused with {@code
   * SESSION_NOT_FOUND} or {@code SESSION_ALREADY_ENDED}.
   */
  public ParkingSession endSession(Caller caller, SessionId id) {
    return changed(
        caller.operator() ? sessions.end(id, now()) : sessions.endOwn(id, caller.user(), now()));
  }

  private Instant now() {
    return rules.now();
  }

  private Optional<ParkingSession> visible(Caller caller, SessionId id) {
    return rules.visible(caller, id);
  }

  // ---------------------------------------------------------------- availability

  /** The whole deployment's counts, every facility together. */
  public Occupancy occupancy() {
    return spots.occupancy();
  }

  /** A facility's counts; refused with {@code FACILITY_NOT_FOUND}. */
  public FacilityCounts occupancy(FacilityId facility) {
    return spots.counts(facility).orElseThrow(FACILITY_NOT_FOUND::exception);
  }

  /** The free count and up to {@code limit} free spot ids (1 to {@link Limits#MAX_FREE_SPOTS}). */
  public AvailableSpots availableSpots(int limit) {
    return availableSpots(SpotFilter.ALL, limit);
  }

  /**
   * The free spots that {@code filter} shows: their count and up to {@code limit} of their ids (1
   * to {@link Limits#MAX_FREE_SPOTS}). The count is of one instant for the whole deployment or one
   * facility; for features across every facility it sums each facility's count, read one after the
   * other. Refused with {@code FACILITY_NOT_FOUND} for a facility that does not exist.
   */
  public AvailableSpots availableSpots(SpotFilter filter, int limit) {
    Limits.require("limit", limit, Limits.MAX_FREE_SPOTS);
    return new AvailableSpots(available(filter), spots.freeSpots(filter, limit));
  }

  private long available(SpotFilter filter) {
    if (filter.facility().isPresent()) {
      return occupancy(filter.facility().get()).having(filter.features()).free();
    }
    if (filter.features().equals(SpotFeatures.NONE)) {
      return spots.occupancy().free();
    }
    long free = 0;
    for (Facility facility : catalogue().all()) {
      free += spots.counts(facility.id()).map(c -> c.having(filter.features()).free()).orElse(0L);
    }
    return free;
  }

  // ---------------------------------------------------------------- facilities

  /** The facilities, which share their state with the spots (asked for on use, not kept). */
  private FacilityCatalogue catalogue() {
    return spots.facilities();
  }

  /** Creates a facility with no spots; refused with {@code FACILITY_EXISTS}. */
  public FacilityStatus createFacility(Facility facility) {
    catalogue().create(facility);
    signals.everythingChanged();
    return new FacilityStatus(facility, FacilityCounts.empty(facility.id()));
  }

  /** A facility with its counts; refused with {@code FACILITY_NOT_FOUND}. */
  public FacilityStatus facility(FacilityId id) {
    return status(catalogue().find(id).orElseThrow(FACILITY_NOT_FOUND::exception))
        .orElseThrow(FACILITY_NOT_FOUND::exception);
  }

  /** Every facility with its counts, in id order (each facility's counts of one instant). */
  public List<FacilityStatus> facilities() {
    return catalogue().all().stream().flatMap(f -> status(f).stream()).toList();
  }

  /** Empty when the facility was deleted since it was read. */
  private Optional<FacilityStatus> status(Facility facility) {
    return spots.counts(facility.id()).map(counts -> new FacilityStatus(facility, counts));
  }

  /**
   * Deletes a facility without spots; refused with {@code FACILITY_NOT_FOUND} or {@code
   * FACILITY_NOT_EMPTY}. The default facility always exists: deleting it is invalid.
   */
  public void deleteFacility(FacilityId id) {
    WriteRules.requireDeletable(id);
    catalogue().delete(id);
    signals.everythingChanged();
  }

  // ---------------------------------------------------------------- operators

  /** Spots in id order with their state, {@code limit} 1 to {@link Limits#MAX_SPOTS_PAGE}. */
  public SpotPage spots(Optional<SpotId> after, int limit) {
    return spots(SpotFilter.ALL, after, limit);
  }

  /**
   * The spots that {@code filter} shows, in id order with their state, {@code limit} 1 to {@link
   * Limits#MAX_SPOTS_PAGE}.
   */
  public SpotPage spots(SpotFilter filter, Optional<SpotId> after, int limit) {
    Limits.require("limit", limit, Limits.MAX_SPOTS_PAGE);
    List<Spot> page = spots.spots(filter, after, limit + 1);
    if (page.size() <= limit) {
      return new SpotPage(page, Optional.empty());
    }
    List<Spot> shown = page.subList(0, limit);
    return new SpotPage(shown, Optional.of(shown.get(limit - 1).id()));
  }

  /**
   * Adds 1 to {@link Limits#MAX_SPOTS_PER_ADD} distinct standard spots to the default facility, all
   * or none ({@code SPOT_EXISTS}).
   */
  public List<SpotId> addSpots(List<SpotId> ids) {
    return addSpots(FacilityId.DEFAULT, SpotFeatures.NONE, ids);
  }

  /**
   * Adds 1 to {@link Limits#MAX_SPOTS_PER_ADD} distinct spots, each with {@code features}, to
   * {@code facility}, all or none ({@code FACILITY_NOT_FOUND}, {@code SPOT_EXISTS}).
   */
  public List<SpotId> addSpots(FacilityId facility, SpotFeatures features, List<SpotId> ids) {
    WriteRules.requireSpotIds(ids);
    List<SpotId> added = spots.add(facility, features, ids);
    signals.facilityChanged(facility);
    return added;
  }

  /** Removes a free spot; refused with {@code SPOT_NOT_FOUND} or {@code SPOT_OCCUPIED}. */
  public void removeSpot(SpotId id) {
    spots.remove(id);
    signals.everythingChanged();
  }

  /**
   * A page of active sessions (in spot id order) or ended sessions (newest first), {@code limit} 1
   * to {@link Limits#MAX_SESSIONS_PAGE}; {@code after} is the cursor a previous page gave.
   */
  public SessionPage sessions(SessionStatus status, Optional<String> after, int limit) {
    Limits.require("limit", limit, Limits.MAX_SESSIONS_PAGE);
    List<ParkingSession> page =
        status == SessionStatus.ACTIVE
            ? sessions.activeSessions(after.map(SessionCursor::activeAfter), limit + 1)
            : sessions.endedSessions(after.map(SessionCursor::endedAfter), limit + 1);
    if (page.size() <= limit) {
      return new SessionPage(page, Optional.empty());
    }
    List<ParkingSession> shown = page.subList(0, limit);
    return new SessionPage(shown, Optional.of(SessionCursor.encode(shown.get(limit - 1))));
  }
}
