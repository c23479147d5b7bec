package dev.parkade.adapters.jdbc;

import static dev.parkade.domain.ParkingFailure.NO_ACTIVE_SESSION;
import static dev.parkade.domain.ParkingFailure.NO_SPOTS_AVAILABLE;
import static dev.parkade.domain.ParkingFailure.SESSION_ALREADY_ENDED;
import static dev.parkade.domain.ParkingFailure.SESSION_NOT_FOUND;
import static dev.parkade.domain.ParkingFailure.SPOT_EXISTS;
import static dev.parkade.domain.ParkingFailure.SPOT_NOT_FOUND;
import static dev.parkade.domain.ParkingFailure.SPOT_OCCUPIED;
import static dev.parkade.domain.ParkingFailure.USER_HAS_ACTIVE_SESSION;
import static dev.parkade.domain.ParkingFailure.VEHICLE_ALREADY_PARKED;

import dev.parkade.domain.LicensePlate;
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
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.Update;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * Both storage ports on PostgreSQL or H2. Every port call is one transaction; the database, not
 * this class, is what makes double booking impossible (see the schema's unique constraints), so the
 * guarantees hold across any number of processes sharing the database.
 *
 * <p>A start claims the first free spot that no other transaction has locked ({@code FOR UPDATE
 * SKIP LOCKED}, see {@link SpotClaim}), so concurrent starts never wait on each other's row locks.
 * A spot locked by a start still in flight counts as taken: when every free spot is being claimed
 * at that instant, a start is refused with {@code NO_SPOTS_AVAILABLE} rather than waiting to see
 * whether one is given back.
 */
public final class JdbcParkingLot implements SessionStore, SpotInventory {
  private static final int COUNTER_STRIPES = 16;

  private static final String SESSION_COLUMNS = "id, user_id, plate, spot_id, started_at";

  private final Jdbi jdbi;
  private final SpotClaim spotClaim;
  private final Consumer<Handle> afterClaim;

  public JdbcParkingLot(Jdbi jdbi) {
    this(jdbi, handle -> {});
  }

  /**
   * @param afterClaim runs inside a start's transaction once the spot is claimed and the session
   *     written, before the commit; tests use it to break a start half way
   */
  JdbcParkingLot(Jdbi jdbi, Consumer<Handle> afterClaim) {
    this.jdbi = jdbi;
    this.spotClaim = SqlFaults.retrying(() -> jdbi.withHandle(SpotClaim::forDatabase));
    this.afterClaim = afterClaim;
  }

  private <T> T transaction(HandleCallback<T, RuntimeException> work) {
    return SqlFaults.retrying(
        () -> jdbi.inTransaction(TransactionIsolationLevel.READ_COMMITTED, work));
  }

  // ---------------------------------------------------------------- sessions

  @Override
  public ParkingSession start(NewSession request) {
    NewSession stored =
        new NewSession(
            request.id(), request.userId(), request.plate(), micros(request.startTime()));
    for (int attempt = 1; ; attempt++) {
      try {
        return transaction(h -> startIn(h, stored));
      } catch (SqlFaults.DuplicateKey lostRace) {
        // A concurrent start committed first on this user or plate; its session names our refusal.
        Optional<ParkingFailure> refusal = transaction(h -> conflictOf(h, stored));
        if (refusal.isPresent()) {
          throw refusal.get().exception();
        }
        if (attempt >= 3) {
          throw new StorageUnavailableException(
              "start kept losing races: " + stored.id(), lostRace);
        }
        // the winner has ended since; try again
      }
    }
  }

  private ParkingSession startIn(Handle h, NewSession request) {
    Optional<ParkingFailure> conflict = conflictOf(h, request);
    if (conflict.isPresent()) {
      throw conflict.get().exception();
    }
    Optional<String> spot = spotClaim.claim(h);
    if (spot.isEmpty()) {
      throw NO_SPOTS_AVAILABLE.exception();
    }
    ParkingSession session =
        ParkingSession.started(
            request.id(),
            request.userId(),
            request.plate(),
            new SpotId(spot.get()),
            request.startTime());
    h.createUpdate("UPDATE spot SET free = FALSE WHERE id = :id").bind("id", spot.get()).execute();
    bindSession(
            h.createUpdate(
                "INSERT INTO active_session ("
                    + SESSION_COLUMNS
                    + ") VALUES (:id, :user, :plate, :spot, :startedAt)"),
            session)
        .execute();
    adjustCounts(h, 0, -1);
    afterClaim.accept(h);
    return session;
  }

  /** The refusal an active session of this user (first) or plate (second) gives, if any. */
  private static Optional<ParkingFailure> conflictOf(Handle h, NewSession request) {
    List<String> users =
        h.createQuery("SELECT user_id FROM active_session WHERE user_id = :user OR plate = :plate")
            .bind("user", request.userId().value())
            .bind("plate", request.plate().value())
            .mapTo(String.class)
            .list();
    if (users.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        users.contains(request.userId().value())
            ? USER_HAS_ACTIVE_SESSION
            : VEHICLE_ALREADY_PARKED);
  }

  @Override
  public ParkingSession end(SessionId id, Instant endTime) {
    return transaction(
        h -> {
          Optional<ParkingSession> active =
              h.createQuery(
                      "SELECT "
                          + SESSION_COLUMNS
                          + " FROM active_session WHERE id = :id FOR UPDATE")
                  .bind("id", id.value())
                  .map(JdbcParkingLot::activeSession)
                  .findOne();
          if (active.isEmpty()) {
            boolean ended =
                h.createQuery("SELECT COUNT(*) FROM ended_session WHERE id = :id")
                        .bind("id", id.value())
                        .mapTo(Long.class)
                        .one()
                    > 0;
            throw (ended ? SESSION_ALREADY_ENDED : SESSION_NOT_FOUND).exception();
          }
          return endIn(h, active.get(), endTime);
        });
  }

  @Override
  public ParkingSession endActiveSessionOf(UserId user, Instant endTime) {
    return transaction(
        h -> {
          ParkingSession active =
              h.createQuery(
                      "SELECT "
                          + SESSION_COLUMNS
                          + " FROM active_session WHERE user_id = :user FOR UPDATE")
                  .bind("user", user.value())
                  .map(JdbcParkingLot::activeSession)
                  .findOne()
                  .orElseThrow(NO_ACTIVE_SESSION::exception);
          return endIn(h, active, endTime);
        });
  }

  /** Ends a session whose active row this transaction has locked. */
  private static ParkingSession endIn(Handle h, ParkingSession active, Instant endTime) {
    ParkingSession ended = active.endedAt(micros(endTime));
    h.createUpdate("DELETE FROM active_session WHERE id = :id")
        .bind("id", active.id().value())
        .execute();
    bindSession(
            h.createUpdate(
                "INSERT INTO ended_session ("
                    + SESSION_COLUMNS
                    + ", ended_at) VALUES (:id, :user, :plate, :spot, :startedAt, :endedAt)"),
            ended)
        .bind("endedAt", timestamp(EndedSessionKey.of(ended).endTime()))
        .execute();
    h.createUpdate("UPDATE spot SET free = TRUE WHERE id = :id")
        .bind("id", ended.spotId().value())
        .execute();
    adjustCounts(h, 0, +1);
    return ended;
  }

  @Override
  public Optional<ParkingSession> activeSessionOf(UserId user) {
    return transaction(
        h ->
            h.createQuery(
                    "SELECT " + SESSION_COLUMNS + " FROM active_session WHERE user_id = :user")
                .bind("user", user.value())
                .map(JdbcParkingLot::activeSession)
                .findOne());
  }

  @Override
  public Optional<ParkingSession> find(SessionId id) {
    return transaction(
        h -> {
          Optional<ParkingSession> active =
              h.createQuery("SELECT " + SESSION_COLUMNS + " FROM active_session WHERE id = :id")
                  .bind("id", id.value())
                  .map(JdbcParkingLot::activeSession)
                  .findOne();
          if (active.isPresent()) {
            return active;
          }
          return h.createQuery(
                  "SELECT " + SESSION_COLUMNS + ", ended_at FROM ended_session WHERE id = :id")
              .bind("id", id.value())
              .map(JdbcParkingLot::endedSession)
              .findOne();
        });
  }

  @Override
  public List<ParkingSession> activeSessions(Optional<SpotId> afterSpot, int limit) {
    return transaction(
        h -> {
          Query query =
              h.createQuery(
                  "SELECT "
                      + SESSION_COLUMNS
                      + " FROM active_session"
                      + (afterSpot.isPresent() ? " WHERE spot_id > :after" : "")
                      + " ORDER BY spot_id LIMIT :limit");
          afterSpot.ifPresent(spot -> query.bind("after", spot.value()));
          return query.bind("limit", limit).map(JdbcParkingLot::activeSession).list();
        });
  }

  @Override
  public List<ParkingSession> endedSessions(Optional<EndedSessionKey> after, int limit) {
    return transaction(
        h -> {
          Query query =
              h.createQuery(
                  "SELECT "
                      + SESSION_COLUMNS
                      + ", ended_at FROM ended_session"
                      + (after.isPresent()
                          ? " WHERE ended_at < :endedAt OR (ended_at = :endedAt AND id < :id)"
                          : "")
                      + " ORDER BY ended_at DESC, id DESC LIMIT :limit");
          after.ifPresent(
              key -> query.bind("endedAt", timestamp(key.endTime())).bind("id", key.id().value()));
          return query.bind("limit", limit).map(JdbcParkingLot::endedSession).list();
        });
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
            adjustCounts(h, ids.size(), ids.size());
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
          adjustCounts(h, -1, -1);
          return id;
        });
  }

  @Override
  public Occupancy occupancy() {
    return transaction(
        h ->
            h.createQuery(
                    "SELECT COALESCE(SUM(total), 0) AS total, COALESCE(SUM(free), 0) AS free"
                        + " FROM lot_counter")
                .map((rs, ctx) -> new Occupancy(rs.getLong("total"), rs.getLong("free")))
                .one());
  }

  @Override
  public List<SpotId> freeSpots(int limit) {
    return transaction(
        h ->
            h.createQuery("SELECT id FROM spot WHERE free = TRUE ORDER BY id LIMIT :limit")
                .bind("limit", limit)
                .map((rs, ctx) -> new SpotId(rs.getString("id")))
                .list());
  }

  @Override
  public List<Spot> spots(Optional<SpotId> after, int limit) {
    return transaction(
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

  // ---------------------------------------------------------------- rows

  /** Binds the columns every session row has ({@link #SESSION_COLUMNS}). */
  private static Update bindSession(Update insert, ParkingSession session) {
    return insert
        .bind("id", session.id().value())
        .bind("user", session.userId().value())
        .bind("plate", session.plate().value())
        .bind("spot", session.spotId().value())
        .bind("startedAt", timestamp(session.startTime()));
  }

  /** Adjusts one randomly chosen stripe of the counts, inside the caller's transaction. */
  private static void adjustCounts(Handle h, long totalChange, long freeChange) {
    h.createUpdate(
            "UPDATE lot_counter SET total = total + :total, free = free + :free"
                + " WHERE stripe = :stripe")
        .bind("total", totalChange)
        .bind("free", freeChange)
        .bind("stripe", ThreadLocalRandom.current().nextInt(COUNTER_STRIPES))
        .execute();
  }

  private static ParkingSession activeSession(ResultSet rs, Object ctx) throws SQLException {
    return ParkingSession.started(
        new SessionId(rs.getString("id")),
        new UserId(rs.getString("user_id")),
        new LicensePlate(rs.getString("plate")),
        new SpotId(rs.getString("spot_id")),
        instant(rs, "started_at"));
  }

  private static ParkingSession endedSession(ResultSet rs, Object ctx) throws SQLException {
    return activeSession(rs, ctx).endedAt(instant(rs, "ended_at"));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    if (value == null) {
      throw new SQLException("column " + column + " is null");
    }
    return value.toInstant();
  }

  private static OffsetDateTime timestamp(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  /** Both databases keep microseconds; what a call returns is what a later read gives back. */
  private static Instant micros(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MICROS);
  }
}
