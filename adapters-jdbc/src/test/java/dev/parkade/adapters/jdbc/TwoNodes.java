package dev.parkade.adapters.jdbc;

import dev.parkade.domain.Facility;
import dev.parkade.domain.FacilityId;
import dev.parkade.domain.ParkingSession;
import dev.parkade.domain.SessionId;
import dev.parkade.domain.SpotFeatures;
import dev.parkade.domain.SpotId;
import dev.parkade.domain.UserId;
import dev.parkade.domain.port.EndedSessionKey;
import dev.parkade.domain.port.FacilityCatalogue;
import dev.parkade.domain.port.FacilityCounts;
import dev.parkade.domain.port.IdempotentWrites;
import dev.parkade.domain.port.NewSession;
import dev.parkade.domain.port.Occupancy;
import dev.parkade.domain.port.SessionStore;
import dev.parkade.domain.port.Spot;
import dev.parkade.domain.port.SpotFilter;
import dev.parkade.domain.port.SpotInventory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Two independent server processes on one database, as a client sees them behind a load balancer:
 * every call goes to either node at random. Each node has its own pool and adapter.
 */
final class TwoNodes implements SessionStore, SpotInventory, FacilityCatalogue {
  private final JdbcParkingLot first;
  private final JdbcParkingLot second;

  TwoNodes(JdbcParkingLot first, JdbcParkingLot second) {
    this.first = first;
    this.second = second;
  }

  /** Both nodes' keyed writes, each call going to either. */
  IdempotentWrites keyed(Duration ttl) {
    return new TwoNodesKeyed(first.idempotentWrites(ttl), second.idempotentWrites(ttl));
  }

  private JdbcParkingLot any() {
    return ThreadLocalRandom.current().nextBoolean() ? first : second;
  }

  @Override
  public ParkingSession start(NewSession session) {
    return any().start(session);
  }

  @Override
  public ParkingSession end(SessionId id, Instant endTime) {
    return any().end(id, endTime);
  }

  @Override
  public ParkingSession endOwn(SessionId id, UserId owner, Instant endTime) {
    return any().endOwn(id, owner, endTime);
  }

  @Override
  public ParkingSession endActiveSessionOf(UserId user, Instant endTime) {
    return any().endActiveSessionOf(user, endTime);
  }

  @Override
  public Optional<ParkingSession> activeSessionOf(UserId user) {
    return any().activeSessionOf(user);
  }

  @Override
  public Optional<ParkingSession> find(SessionId id) {
    return any().find(id);
  }

  @Override
  public List<ParkingSession> activeSessions(Optional<SpotId> afterSpot, int limit) {
    return any().activeSessions(afterSpot, limit);
  }

  @Override
  public List<ParkingSession> endedSessions(Optional<EndedSessionKey> after, int limit) {
    return any().endedSessions(after, limit);
  }

  @Override
  public List<SpotId> add(FacilityId facility, SpotFeatures features, List<SpotId> ids) {
    return any().add(facility, features, ids);
  }

  @Override
  public void remove(SpotId id) {
    any().remove(id);
  }

  @Override
  public Occupancy occupancy() {
    return any().occupancy();
  }

  @Override
  public Optional<FacilityCounts> counts(FacilityId facility) {
    return any().counts(facility);
  }

  @Override
  public List<SpotId> freeSpots(SpotFilter filter, int limit) {
    return any().freeSpots(filter, limit);
  }

  @Override
  public List<Spot> spots(SpotFilter filter, Optional<SpotId> after, int limit) {
    return any().spots(filter, after, limit);
  }

  @Override
  public FacilityCatalogue facilities() {
    return this;
  }

  @Override
  public void create(Facility facility) {
    any().create(facility);
  }

  @Override
  public Optional<Facility> find(FacilityId id) {
    return any().find(id);
  }

  @Override
  public List<Facility> all() {
    return any().all();
  }

  @Override
  public void delete(FacilityId id) {
    any().delete(id);
  }
}
