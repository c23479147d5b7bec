package dev.parkade.application;

import dev.parkade.domain.BestFit;
import dev.parkade.domain.Facility;
import dev.parkade.domain.FacilityId;
import dev.parkade.domain.LicensePlate;
import dev.parkade.domain.ParkingException;
import dev.parkade.domain.ParkingFailure;
import dev.parkade.domain.ParkingSession;
import dev.parkade.domain.SessionId;
import dev.parkade.domain.SpotFeatures;
import dev.parkade.domain.SpotId;
import dev.parkade.domain.StartRefusal;
import dev.parkade.domain.UserId;
import dev.parkade.domain.port.EndedSessionKey;
import dev.parkade.domain.port.FacilityCatalogue;
import dev.parkade.domain.port.FacilityCounts;
import dev.parkade.domain.port.NewSession;
import dev.parkade.domain.port.Occupancy;
import dev.parkade.domain.port.SessionStore;
import dev.parkade.domain.port.Spot;
import dev.parkade.domain.port.SpotFilter;
import dev.parkade.domain.port.SpotInventory;
import dev.parkade.domain.port.SpotState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The sequential model of the storage ports: obviously right rather than fast, every method under
 * one lock, every rule written out once. Property tests compare real adapters with it, and
 * application tests use it as storage. It passes the same contract suite as every adapter.
 *
 * <p>Which spot a start takes among the best fitting free ones ({@link BestFit}) is the {@link
 * #chooseSpotsWith chooser}'s to say (the lowest id by default), so that a property test can ask
 * the model to follow the adapter's choice and check that the choice was one of the best.
 */
public final class ReferenceParkingLot implements SessionStore, SpotInventory, FacilityCatalogue {

  /** A spot: where it is, what it has, and who holds it, if anyone. */
  private record Row(FacilityId facility, SpotFeatures features, Optional<SessionId> holder) {
    Row held(Optional<SessionId> by) {
      return new Row(facility, features, by);
    }

    boolean free() {
      return holder.isEmpty();
    }
  }

  private final TreeMap<FacilityId, Facility> facilities = new TreeMap<>();
  private final TreeMap<SpotId, Row> spots = new TreeMap<>();
  private final Map<SessionId, ParkingSession> sessionsById = new HashMap<>();
  private final Map<UserId, SessionId> activeByUser = new HashMap<>();
  private final Map<LicensePlate, SessionId> activeByPlate = new HashMap<>();
  private final TreeMap<EndedSessionKey, ParkingSession> ended =
      new TreeMap<>(EndedSessionKey.NEWEST_FIRST);
  private Function<NavigableSet<SpotId>, SpotId> chooser = NavigableSet::first;
  private int countsRead;

  public ReferenceParkingLot() {
    facilities.put(FacilityId.DEFAULT, Facility.DEFAULT);
  }

  /** How many times a facility's counts were read: what a database would answer as queries. */
  public synchronized int countsRead() {
    return countsRead;
  }

  /** Which spot the next starts take, given the best fitting free spots in id order. */
  public synchronized void chooseSpotsWith(Function<NavigableSet<SpotId>, SpotId> chooser) {
    this.chooser = chooser;
  }

  @Override
  public synchronized ParkingSession start(NewSession request) {
    NavigableSet<SpotId> best = bestFitting(request.facility(), request.needs());
    StartRefusal.check(
        activeByUser.containsKey(request.userId()),
        activeByPlate.containsKey(request.plate()),
        !facilities.containsKey(request.facility()),
        best.isEmpty());
    SpotId spot = chooser.apply(best);
    if (!best.contains(spot)) {
      throw new IllegalStateException("chose " + spot + ", which is not a best fit in " + best);
    }
    if (sessionsById.containsKey(request.id())) {
      throw new IllegalArgumentException("session id " + request.id() + " is already taken");
    }
    Row row = row(spot);
    ParkingSession session = request.startedOn(spot, row.features());
    spots.put(spot, row.held(Optional.of(session.id())));
    sessionsById.put(session.id(), session);
    activeByUser.put(session.userId(), session.id());
    activeByPlate.put(session.plate(), session.id());
    return session;
  }

  /**
   * The free spots of {@code facility} that fit {@code needs} with the fewest extra features, in id
   * order: where a start must take its spot. Empty when nothing fitting is free.
   */
  public synchronized NavigableSet<SpotId> bestFitting(FacilityId facility, SpotFeatures needs) {
    TreeSet<SpotId> best = new TreeSet<>();
    int fewestExtra = Integer.MAX_VALUE;
    for (Map.Entry<SpotId, Row> spot : spots.entrySet()) {
      Row row = spot.getValue();
      if (!row.free() || !row.facility().equals(facility) || !BestFit.fits(needs, row.features())) {
        continue;
      }
      int extra = BestFit.extra(needs, row.features());
      if (extra < fewestExtra) {
        best.clear();
        fewestExtra = extra;
      }
      if (extra == fewestExtra) {
        best.add(spot.getKey());
      }
    }
    return best;
  }

  @Override
  public synchronized ParkingSession end(SessionId id, Instant endTime) {
    ParkingSession session = sessionsById.get(id);
    if (session == null) {
      throw ParkingFailure.SESSION_NOT_FOUND.exception();
    }
    if (!session.isActive()) {
      throw ParkingFailure.SESSION_ALREADY_ENDED.exception();
    }
    ParkingSession done = session.endedAt(endTime);
    sessionsById.put(id, done);
    activeByUser.remove(done.userId());
    activeByPlate.remove(done.plate());
    spots.put(done.spotId(), row(done.spotId()).held(Optional.empty()));
    ended.put(EndedSessionKey.of(done), done);
    return done;
  }

  @Override
  public synchronized ParkingSession endActiveSessionOf(UserId user, Instant endTime) {
    SessionId active = activeByUser.get(user);
    if (active == null) {
      throw ParkingFailure.NO_ACTIVE_SESSION.exception();
    }
    return end(active, endTime);
  }

  @Override
  public synchronized Optional<ParkingSession> activeSessionOf(UserId user) {
    return Optional.ofNullable(activeByUser.get(user)).map(sessionsById::get);
  }

  @Override
  public synchronized Optional<ParkingSession> find(SessionId id) {
    return Optional.ofNullable(sessionsById.get(id));
  }

  @Override
  public synchronized List<ParkingSession> activeSessions(Optional<SpotId> afterSpot, int limit) {
    List<ParkingSession> page = new ArrayList<>();
    for (Row row : after(afterSpot).values()) {
      if (page.size() < limit && !row.free()) {
        page.add(sessionsById.get(row.holder().get()));
      }
    }
    return page;
  }

  @Override
  public synchronized List<ParkingSession> endedSessions(
      Optional<EndedSessionKey> after, int limit) {
    return (after.isPresent() ? ended.tailMap(after.get(), false) : ended)
        .values().stream().limit(limit).toList();
  }

  // ---------------------------------------------------------------- spots

  @Override
  public synchronized List<SpotId> add(
      FacilityId facility, SpotFeatures features, List<SpotId> ids) {
    if (!facilities.containsKey(facility)) {
      throw ParkingFailure.FACILITY_NOT_FOUND.exception();
    }
    for (SpotId id : ids) {
      if (spots.containsKey(id)) {
        throw new ParkingException(ParkingFailure.SPOT_EXISTS, id.value());
      }
    }
    ids.forEach(id -> spots.put(id, new Row(facility, features, Optional.empty())));
    return List.copyOf(ids);
  }

  @Override
  public synchronized void remove(SpotId id) {
    Row row = spots.get(id);
    if (row == null) {
      throw ParkingFailure.SPOT_NOT_FOUND.exception();
    }
    if (!row.free()) {
      throw ParkingFailure.SPOT_OCCUPIED.exception();
    }
    spots.remove(id);
  }

  @Override
  public synchronized Occupancy occupancy() {
    return new Occupancy(spots.size(), freeSpotSet().size());
  }

  @Override
  public synchronized Optional<FacilityCounts> counts(FacilityId facility) {
    countsRead++;
    if (!facilities.containsKey(facility)) {
      return Optional.empty();
    }
    long[] total = new long[SpotFeatures.CLASSES];
    long[] free = new long[SpotFeatures.CLASSES];
    for (Row row : spots.values()) {
      if (row.facility().equals(facility)) {
        total[row.features().mask()]++;
        if (row.free()) {
          free[row.features().mask()]++;
        }
      }
    }
    return Optional.of(new FacilityCounts(facility, total, free));
  }

  @Override
  public synchronized List<SpotId> freeSpots(SpotFilter filter, int limit) {
    return freeSpotSet(filter).stream().limit(limit).toList();
  }

  /** Every free spot in id order. */
  public synchronized NavigableSet<SpotId> freeSpotSet() {
    return freeSpotSet(SpotFilter.ALL);
  }

  /** Every free spot that {@code filter} shows, in id order. */
  public synchronized NavigableSet<SpotId> freeSpotSet(SpotFilter filter) {
    TreeSet<SpotId> free = new TreeSet<>();
    spots.forEach(
        (id, row) -> {
          if (row.free() && filter.matches(row.facility(), row.features())) {
            free.add(id);
          }
        });
    return free;
  }

  @Override
  public synchronized List<Spot> spots(SpotFilter filter, Optional<SpotId> after, int limit) {
    return after(after).entrySet().stream()
        .filter(e -> filter.matches(e.getValue().facility(), e.getValue().features()))
        .limit(limit)
        .map(
            e ->
                new Spot(
                    e.getKey(),
                    e.getValue().free() ? SpotState.FREE : SpotState.OCCUPIED,
                    e.getValue().facility(),
                    e.getValue().features()))
        .toList();
  }

  private Row row(SpotId id) {
    Row row = spots.get(id);
    if (row == null) {
      throw new IllegalStateException("no spot " + id);
    }
    return row;
  }

  private Map<SpotId, Row> after(Optional<SpotId> after) {
    return after.isPresent() ? spots.tailMap(after.get(), false) : spots;
  }

  // ---------------------------------------------------------------- facilities

  @Override
  public FacilityCatalogue facilities() {
    return this;
  }

  @Override
  public synchronized void create(Facility facility) {
    if (facilities.putIfAbsent(facility.id(), facility) != null) {
      throw ParkingFailure.FACILITY_EXISTS.exception();
    }
  }

  @Override
  public synchronized Optional<Facility> find(FacilityId id) {
    return Optional.ofNullable(facilities.get(id));
  }

  @Override
  public synchronized List<Facility> all() {
    return List.copyOf(facilities.values());
  }

  @Override
  public synchronized void delete(FacilityId id) {
    if (!facilities.containsKey(id)) {
      throw ParkingFailure.FACILITY_NOT_FOUND.exception();
    }
    for (Row row : spots.values()) {
      if (row.facility().equals(id)) {
        throw ParkingFailure.FACILITY_NOT_EMPTY.exception();
      }
    }
    facilities.remove(id);
  }
}
