package dev.parkade.adapters.jdbc;

import dev.parkade.domain.ParkingSession;
import dev.parkade.domain.SessionId;
import dev.parkade.domain.SpotId;
import dev.parkade.domain.UserId;
import dev.parkade.domain.port.EndedSessionKey;
import dev.parkade.domain.port.NewSession;
import dev.parkade.domain.port.Occupancy;
import dev.parkade.domain.port.SessionStore;
import dev.parkade.domain.port.Spot;
import dev.parkade.domain.port.SpotInventory;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Two independent server processes on one database, as a client sees them behind a load balancer:
 * every call goes to either node at random. Each node has its own pool and adapter.
 */
final class TwoNodes implements SessionStore, SpotInventory {
  private final JdbcParkingLot first;
  private final JdbcParkingLot second;

  TwoNodes(JdbcParkingLot first, JdbcParkingLot second) {
    this.first = first;
    this.second = second;
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
  public List<SpotId> add(List<SpotId> ids) {
    return any().add(ids);
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
  public List<SpotId> freeSpots(int limit) {
    return any().freeSpots(limit);
  }

  @Override
  public List<Spot> spots(Optional<SpotId> after, int limit) {
    return any().spots(after, limit);
  }
}
