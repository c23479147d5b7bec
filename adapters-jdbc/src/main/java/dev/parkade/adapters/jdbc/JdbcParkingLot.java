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
import dev.parkade.domain.port.LotImport;
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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Jdbi;

/**
 * Both storage ports on PostgreSQL or H2. Every change is one transaction, or one statement where
 * that is atomic on its own (a PostgreSQL start or end); a read runs without a transaction, each of
 * its statements seeing one snapshot. The database, not this class, is what makes double booking
 * impossible (see the schema's unique constraints), so the guarantees hold across any number of
 * processes sharing the database.
 *
 * <p>A start claims the first free spot that no other transaction has locked ({@code FOR UPDATE
 * SKIP LOCKED}, see {@link SessionWrites}), so concurrent starts never wait on each other's row
 * locks. A spot locked by a start still in flight counts as taken: when every free spot is being
 * claimed at that instant, a start is refused with {@code NO_SPOTS_AVAILABLE} rather than waiting
 * to see whether one is given back.
 *
 * <p>The sessions are {@link JdbcSessionStore}'s, the spots {@link JdbcSpotInventory}'s and the
 * facilities {@link JdbcFacilityCatalogue}'s; the SQL is in {@link SharedSql}, {@link PostgresSql},
 * {@link PortableSql} and {@link LotCounter}.
 */
public final class JdbcParkingLot implements SessionStore, SpotInventory, FacilityCatalogue {
  private final SessionStore sessions;
  private final SpotInventory spots;
  private final FacilityCatalogue facilities;
  private final JdbcLotImport lotImport;
  private final Statements statements;
  private final Set<KeyRows.KeyId> claimedKeys = ConcurrentHashMap.newKeySet();

  /**
   * @param jdbi over connections that start in autocommit mode, as a pool gives them by default:
   *     one-statement writes rely on it to commit, and JDBI takes a connection outside it for a
   *     transaction already open, which it then neither commits nor rolls back
   * @throws IllegalArgumentException when a connection does not start in autocommit mode
   */
  public JdbcParkingLot(Jdbi jdbi) {
    this.statements = new Statements(jdbi);
    this.sessions = new JdbcSessionStore(statements);
    this.facilities = new JdbcFacilityCatalogue(statements);
    this.spots = new JdbcSpotInventory(statements, facilities);
    this.lotImport = new JdbcLotImport(statements);
  }

  /**
   * The keyed writes over this lot's state, whose keys live {@code ttl}; every one made here shares
   * this process's claims on keys.
   */
  public JdbcIdempotentWrites idempotentWrites(Duration ttl) {
    return new JdbcIdempotentWrites(statements, claimedKeys, ttl);
  }

  /** Loading a whole lot in one transaction. */
  public LotImport lotImport() {
    return lotImport;
  }

  @Override
  public ParkingSession start(NewSession request) {
    return sessions.start(request);
  }

  @Override
  public ParkingSession end(SessionId id, Instant endTime) {
    return sessions.end(id, endTime);
  }

  @Override
  public ParkingSession endOwn(SessionId id, UserId owner, Instant endTime) {
    return sessions.endOwn(id, owner, endTime);
  }

  @Override
  public ParkingSession endActiveSessionOf(UserId user, Instant endTime) {
    return sessions.endActiveSessionOf(user, endTime);
  }

  @Override
  public Optional<ParkingSession> activeSessionOf(UserId user) {
    return sessions.activeSessionOf(user);
  }

  @Override
  public Optional<ParkingSession> find(SessionId id) {
    return sessions.find(id);
  }

  @Override
  public List<ParkingSession> activeSessions(Optional<SpotId> afterSpot, int limit) {
    return sessions.activeSessions(afterSpot, limit);
  }

  @Override
  public List<ParkingSession> endedSessions(Optional<EndedSessionKey> after, int limit) {
    return sessions.endedSessions(after, limit);
  }

  @Override
  public List<SpotId> add(FacilityId facility, SpotFeatures features, List<SpotId> ids) {
    return spots.add(facility, features, ids);
  }

  @Override
  public void remove(SpotId id) {
    spots.remove(id);
  }

  @Override
  public Occupancy occupancy() {
    return spots.occupancy();
  }

  @Override
  public Optional<FacilityCounts> counts(FacilityId facility) {
    return spots.counts(facility);
  }

  @Override
  public List<SpotId> freeSpots(SpotFilter filter, int limit) {
    return spots.freeSpots(filter, limit);
  }

  @Override
  public List<Spot> spots(SpotFilter filter, Optional<SpotId> after, int limit) {
    return spots.spots(filter, after, limit);
  }

  @Override
  public FacilityCatalogue facilities() {
    return this;
  }

  @Override
  public void create(Facility facility) {
    facilities.create(facility);
  }

  @Override
  public Optional<Facility> find(FacilityId id) {
    return facilities.find(id);
  }

  @Override
  public List<Facility> all() {
    return facilities.all();
  }

  @Override
  public void delete(FacilityId id) {
    facilities.delete(id);
  }
}
