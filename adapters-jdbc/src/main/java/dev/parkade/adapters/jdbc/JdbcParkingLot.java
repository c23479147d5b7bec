package dev.parkade.adapters.jdbc;

import static dev.parkade.adapters.jdbc.SessionRows.SESSION_COLUMNS;
import static dev.parkade.domain.ParkingFailure.NO_ACTIVE_SESSION;
import static dev.parkade.domain.ParkingFailure.SESSION_ALREADY_ENDED;
import static dev.parkade.domain.ParkingFailure.SESSION_NOT_FOUND;
import static dev.parkade.domain.ParkingFailure.SPOT_EXISTS;
import static dev.parkade.domain.ParkingFailure.SPOT_NOT_FOUND;
import static dev.parkade.domain.ParkingFailure.SPOT_OCCUPIED;

import dev.parkade.domain.ParkingException;
import dev.parkade.domain.ParkingFailure;
import dev.parkade.domain.ParkingSession;
import dev.parkade.domain.SessionId;
import dev.parkade.domain.SpotId;
import dev.parkade.domain.StorageUnavailableException;
import dev.parkade.domain.UserId;
import dev.parkade.domain.port.EndedSessionKey;
import dev.parkade.domain.port.NewSession;
import dev.parkade.domain.port.Occupancy;
import dev.parkade.domain.port.SessionStore;
import dev.parkade.domain.port.Spot;
import dev.parkade.domain.port.SpotInventory;
import dev.parkade.domain.port.SpotState;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;

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
 */
public final class JdbcParkingLot implements SessionStore, SpotInventory {
  private final Jdbi jdbi;
  private final SessionWrites writes;

  /**
   * @param jdbi over connections that start in autocommit mode, as a pool gives them by default:
   *     one-statement writes rely on it to commit, and JDBI takes a connection outside it for a
   *     transaction already open, which it then neither commits nor rolls back
   * @throws IllegalArgumentException when a connection does not start in autocommit mode
   */
  public JdbcParkingLot(Jdbi jdbi) {
    this.jdbi = jdbi;
    this.writes = SqlFaults.retrying(() -> jdbi.withHandle(JdbcParkingLot::writesFor));
  }

  private static SessionWrites writesFor(Handle h) {
    boolean autoCommit;
    try {
      autoCommit = h.getConnection().getAutoCommit();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot tell whether connections autocommit", e);
    }
    if (!autoCommit) {
      throw new IllegalArgumentException(
          "the data source's connections must start in autocommit mode; writes would never commit");
    }
    return SessionWrites.forDatabase(h);
  }

  /**
   * Runs {@code work} in one transaction at the pool's isolation, read committed (asking JDBI for a
   * level would cost a round trip per transaction: the PostgreSQL driver queries the level).
   */
  private <T> T transaction(HandleCallback<T, RuntimeException> work) {
    return SqlFaults.retrying(() -> jdbi.inTransaction(work));
  }

  /**
   * Runs a start or an end: in a transaction where it takes several statements; without one where
   * each write is one statement (PostgreSQL), atomic on its own. There the statement's row locks (a
   * counter stripe, the spot) go when it ends instead of a round trip later at the commit, and the
   * commit's round trip goes too: at 32 client threads this alone took the load harness from 0.67
   * to 0.98 of its raw-JDBC baseline.
   */
  private <T> T write(HandleCallback<T, RuntimeException> work) {
    return writes.eachIsOneStatement() ? withoutTransaction(work) : transaction(work);
  }

  /** Runs statements that need no transaction around them: each sees one snapshot of its own. */
  private <T> T withoutTransaction(HandleCallback<T, RuntimeException> work) {
    return SqlFaults.retrying(() -> jdbi.withHandle(work));
  }

  // ---------------------------------------------------------------- sessions

  @Override
  public ParkingSession start(NewSession request) {
    for (int attempt = 1; ; attempt++) {
      try {
        return write(h -> writes.start(h, request));
      } catch (SqlFaults.DuplicateKey lostRace) {
        // A concurrent start committed first on this user or plate; its session names our refusal.
        Optional<ParkingFailure> refusal =
            withoutTransaction(h -> SessionRows.conflictOf(h, request));
        if (refusal.isPresent()) {
          throw refusal.get().exception();
        }
        if (attempt >= 3) {
          throw new StorageUnavailableException(
              "start kept losing races: " + request.id(), lostRace);
        }
        // the winner has ended since; try again
      }
    }
  }

  @Override
  public ParkingSession end(SessionId id, Instant endTime) {
    return write(
        h -> {
          Optional<ParkingSession> ended = writes.end(h, ActiveSessionKey.of(id), endTime);
          if (ended.isPresent()) {
            return ended.get();
          }
          boolean endedBefore =
              h.createQuery("SELECT COUNT(*) FROM ended_session WHERE id = :id")
                      .bind("id", id.value())
                      .mapTo(Long.class)
                      .one()
                  > 0;
          throw (endedBefore ? SESSION_ALREADY_ENDED : SESSION_NOT_FOUND).exception();
        });
  }

  @Override
  public ParkingSession endActiveSessionOf(UserId user, Instant endTime) {
    return write(
        h ->
            writes
                .end(h, ActiveSessionKey.of(user), endTime)
                .orElseThrow(NO_ACTIVE_SESSION::exception));
  }

  @Override
  public Optional<ParkingSession> activeSessionOf(UserId user) {
    return withoutTransaction(
        h ->
            h.createQuery(
                    "SELECT " + SESSION_COLUMNS + " FROM active_session WHERE user_id = :user")
                .bind("user", user.value())
                .map(SessionRows::activeSession)
                .findOne());
  }

  @Override
  public Optional<ParkingSession> find(SessionId id) {
    return withoutTransaction(
        h -> {
          Optional<ParkingSession> active =
              h.createQuery("SELECT " + SESSION_COLUMNS + " FROM active_session WHERE id = :id")
                  .bind("id", id.value())
                  .map(SessionRows::activeSession)
                  .findOne();
          if (active.isPresent()) {
            return active;
          }
          return h.createQuery(
                  "SELECT " + SESSION_COLUMNS + ", ended_at FROM ended_session WHERE id = :id")
              .bind("id", id.value())
              .map(SessionRows::endedSession)
              .findOne();
        });
  }

  @Override
  public List<ParkingSession> activeSessions(Optional<SpotId> afterSpot, int limit) {
    return withoutTransaction(
        h -> {
          Query query =
              h.createQuery(
                  "SELECT "
                      + SESSION_COLUMNS
                      + " FROM active_session"
                      + (afterSpot.isPresent() ? " WHERE spot_id > :after" : "")
                      + " ORDER BY spot_id LIMIT :limit");
          afterSpot.ifPresent(spot -> query.bind("after", spot.value()));
          return query.bind("limit", limit).map(SessionRows::activeSession).list();
        });
  }

  @Override
  public List<ParkingSession> endedSessions(Optional<EndedSessionKey> after, int limit) {
    return withoutTransaction(
        h -> {
          Query query = h.createQuery(endedPage(after.isPresent()));
          after.ifPresent(
              key ->
                  query
                      .bind("endedAt", SessionRows.timestamp(key.endTime()))
                      .bind("id", key.id().value()));
          return query.bind("limit", limit).map(SessionRows::endedSession).list();
        });
  }

  /**
   * A page of the history, newest first, from the start or after {@code :endedAt} and {@code :id}.
   * The bound {@code ended_at <= :endedAt} is what lets both databases start the walk of the
   * history index at the cursor; with only {@code ended_at < :endedAt OR (...)}, H2 read every
   * older row and sorted them (1,011 rows for a page of 10 halfway through a history of 2,000, in
   * {@code H2QueryPlansTest}).
   */
  static String endedPage(boolean afterCursor) {
    return "SELECT "
        + SESSION_COLUMNS
        + ", ended_at FROM ended_session"
        + (afterCursor ? " WHERE ended_at <= :endedAt AND (ended_at < :endedAt OR id < :id)" : "")
        + " ORDER BY ended_at DESC, id DESC LIMIT :limit";
  }

  // ---------------------------------------------------------------- spots

  @Override
  public List<SpotId> add(List<SpotId> ids) {
    try {
      transaction(
          h -> {
            Optional<String> existing =
                h.createQuery("SELECT id FROM spot WHERE id IN (<ids>) ORDER BY id LIMIT 1")
                    .bindList("ids", ids.stream().map(SpotId::value).toList())
                    .mapTo(String.class)
                    .findOne();
            if (existing.isPresent()) {
              throw new ParkingException(SPOT_EXISTS, existing.get());
            }
            PreparedBatch batch = h.prepareBatch("INSERT INTO spot (id, free) VALUES (:id, TRUE)");
            for (SpotId id : ids) {
              batch.bind("id", id.value()).add();
            }
            batch.execute();
            SessionRows.adjustCounts(h, ids.size(), ids.size());
            return ids.size();
          });
    } catch (SqlFaults.DuplicateKey lostRace) {
      // A concurrent add committed one of these ids first.
      throw new ParkingException(SPOT_EXISTS, "");
    }
    return List.copyOf(ids);
  }

  @Override
  public void remove(SpotId id) {
    transaction(
        h -> {
          // Waits for a start that is claiming this very spot, then sees what it decided.
          Optional<Boolean> free =
              h.createQuery("SELECT free FROM spot WHERE id = :id FOR UPDATE")
                  .bind("id", id.value())
                  .mapTo(Boolean.class)
                  .findOne();
          if (free.isEmpty()) {
            throw SPOT_NOT_FOUND.exception();
          }
          if (!free.get()) {
            throw SPOT_OCCUPIED.exception();
          }
          h.createUpdate("DELETE FROM spot WHERE id = :id").bind("id", id.value()).execute();
          SessionRows.adjustCounts(h, -1, -1);
          return id;
        });
  }

  @Override
  public Occupancy occupancy() {
    return withoutTransaction(
        h ->
            h.createQuery(
                    "SELECT COALESCE(SUM(total), 0) AS total, COALESCE(SUM(free), 0) AS free"
                        + " FROM lot_counter")
                .map((rs, ctx) -> new Occupancy(rs.getLong("total"), rs.getLong("free")))
                .one());
  }

  @Override
  public List<SpotId> freeSpots(int limit) {
    return withoutTransaction(
        h ->
            h.createQuery(SessionRows.FREE_SPOTS)
                .bind("limit", limit)
                .map((rs, ctx) -> new SpotId(rs.getString("id")))
                .list());
  }

  @Override
  public List<Spot> spots(Optional<SpotId> after, int limit) {
    return withoutTransaction(
        h -> {
          Query query =
              h.createQuery(
                  "SELECT id, free FROM spot"
                      + (after.isPresent() ? " WHERE id > :after" : "")
                      + " ORDER BY id LIMIT :limit");
          after.ifPresent(spot -> query.bind("after", spot.value()));
          return query
              .bind("limit", limit)
              .map(
                  (rs, ctx) ->
                      new Spot(
                          new SpotId(rs.getString("id")),
                          rs.getBoolean("free") ? SpotState.FREE : SpotState.OCCUPIED))
              .list();
        });
  }
}
