package dev.parkade.application;

import dev.parkade.domain.LicensePlate;
import dev.parkade.domain.ParkingException;
import dev.parkade.domain.ParkingFailure;
import dev.parkade.domain.ParkingSession;
import dev.parkade.domain.SessionId;
import dev.parkade.domain.SpotId;
import dev.parkade.domain.StartRefusal;
import dev.parkade.domain.UserId;
import dev.parkade.domain.port.EndedSessionKey;
import dev.parkade.domain.port.NewSession;
import dev.parkade.domain.port.Occupancy;
import dev.parkade.domain.port.SessionStore;
import dev.parkade.domain.port.Spot;
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
 * <p>Which free spot a start takes is the {@link #chooseSpotsWith chooser}'s to say (the lowest id
 * by default), so that a property test can ask the model to follow the adapter's choice and check
 * that the choice was free.
 */
public final class ReferenceParkingLot implements SessionStore, SpotInventory {
  private final TreeMap<SpotId, SessionId> spots = new TreeMap<>(); // value: the holder, if any
  private final Map<SessionId, ParkingSession> sessionsById = new HashMap<>();
  private final Map<UserId, SessionId> activeByUser = new HashMap<>();
  private final Map<LicensePlate, SessionId> activeByPlate = new HashMap<>();
  private final TreeMap<EndedSessionKey, ParkingSession> ended =
      new TreeMap<>(EndedSessionKey.NEWEST_FIRST);
  private Function<NavigableSet<SpotId>, SpotId> chooser = NavigableSet::first;

  /** Which free spot the next starts take, given the free spots in id order. */
  public synchronized void chooseSpotsWith(Function<NavigableSet<SpotId>, SpotId> chooser) {
    this.chooser = chooser;
  }

  @Override
  public synchronized ParkingSession start(NewSession request) {
    NavigableSet<SpotId> free = freeSpotSet();
    StartRefusal.check(
        activeByUser.containsKey(request.userId()),
        activeByPlate.containsKey(request.plate()),
        free.isEmpty());
    SpotId spot = chooser.apply(free);
    if (!free.contains(spot)) {
      throw new IllegalStateException("chose " + spot + ", which is not free in " + free);
    }
    if (sessionsById.containsKey(request.id())) {
      throw new IllegalArgumentException("session id " + request.id() + " is already taken");
    }
    ParkingSession session =
        ParkingSession.started(
            request.id(), request.userId(), request.plate(), spot, request.startTime());
    spots.put(spot, session.id());
    sessionsById.put(session.id(), session);
    activeByUser.put(session.userId(), session.id());
    activeByPlate.put(session.plate(), session.id());
    return session;
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
    spots.put(done.spotId(), null);
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
    for (Map.Entry<SpotId, SessionId> spot : after(afterSpot).entrySet()) {
      if (page.size() < limit && spot.getValue() != null) {
        page.add(sessionsById.get(spot.getValue()));
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

  @Override
  public synchronized List<SpotId> add(List<SpotId> ids) {
    for (SpotId id : ids) {
      if (spots.containsKey(id)) {
        throw new ParkingException(ParkingFailure.SPOT_EXISTS, id.value());
      }
    }
    ids.forEach(id -> spots.put(id, null));
    return List.copyOf(ids);
  }

  @Override
  public synchronized void remove(SpotId id) {
    if (!spots.containsKey(id)) {
      throw ParkingFailure.SPOT_NOT_FOUND.exception();
    }
    if (spots.get(id) != null) {
      throw ParkingFailure.SPOT_OCCUPIED.exception();
    }
    spots.remove(id);
  }

  @Override
  public synchronized Occupancy occupancy() {
    return new Occupancy(spots.size(), freeSpotSet().size());
  }

  @Override
  public synchronized List<SpotId> freeSpots(int limit) {
    return freeSpotSet().stream().limit(limit).toList();
  }

  /** Every free spot in id order. */
  public synchronized NavigableSet<SpotId> freeSpotSet() {
    TreeSet<SpotId> free = new TreeSet<>();
    spots.forEach(
        (id, holder) -> {
          if (holder == null) {
            free.add(id);
          }
        });
    return free;
  }

  @Override
  public synchronized List<Spot> spots(Optional<SpotId> after, int limit) {
    return after(after).entrySet().stream()
        .limit(limit)
        .map(e -> new Spot(e.getKey(), e.getValue() == null ? SpotState.FREE : SpotState.OCCUPIED))
        .toList();
  }

  private Map<SpotId, SessionId> after(Optional<SpotId> after) {
    return after.isPresent() ? spots.tailMap(after.get(), false) : spots;
  }
}
