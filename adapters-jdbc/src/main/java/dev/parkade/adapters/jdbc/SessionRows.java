package dev.parkade.adapters.jdbc;

import dev.parkade.domain.LicensePlate;
import dev.parkade.domain.ParkingFailure;
import dev.parkade.domain.ParkingSession;
import dev.parkade.domain.SessionId;
import dev.parkade.domain.SpotId;
import dev.parkade.domain.StartRefusal;
import dev.parkade.domain.UserId;
import dev.parkade.domain.port.NewSession;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.SqlStatement;

/** How sessions and counts map to rows, shared by every way of writing them. */
final class SessionRows {
  /** The columns every session row has, active or ended. */
  static final String SESSION_COLUMNS = "id, user_id, plate, spot_id, started_at";

  /**
   * The active sessions of {@code :user} and of {@code :plate}, by user and plate: a lookup in each
   * unique index, not one query with {@code OR}. H2 answers an {@code OR} across two columns by
   * reading the whole table (2,001 rows at 2,000 active sessions in {@code H2QueryPlansTest}, where
   * the lookups read at most 4), and PostgreSQL, once a prepared statement's plan is generic, keeps
   * the plan it made while the table was small: a sequential scan, whatever the table grows to.
   */
  static final String CONFLICTS =
      "SELECT user_id, plate FROM active_session WHERE user_id = :user"
          + " UNION ALL SELECT user_id, plate FROM active_session WHERE plate = :plate";

  /**
   * Up to {@code :limit} free spots in id order. Ordered by {@code free, id}, not by {@code id}
   * alone, though {@code free} is the same in every row: only then does either database see that
   * the index on {@code (free, id)} already yields the order. Ordered by {@code id}, H2 read every
   * free spot and sorted them, and PostgreSQL, with statistics saying most spots are free, walked
   * the primary key past every occupied spot, which claims leave at the low ids.
   */
  static final String FREE_SPOTS =
      "SELECT id FROM spot WHERE free = TRUE ORDER BY free, id LIMIT :limit";

  /** How many rows {@code lot_counter} has (see the schema). */
  static final int COUNTER_STRIPES = 64;

  private SessionRows() {}

  /** Binds the columns of {@link #SESSION_COLUMNS} that a start knows before it has a spot. */
  static <S extends SqlStatement<S>> S bindRequest(S statement, NewSession request) {
    return statement
        .bind("id", request.id().value())
        .bind("user", request.userId().value())
        .bind("plate", request.plate().value())
        .bind("startedAt", timestamp(request.startTime()));
  }

  /** Binds the columns of {@link #SESSION_COLUMNS}. */
  static <S extends SqlStatement<S>> S bindSession(S statement, ParkingSession session) {
    return statement
        .bind("id", session.id().value())
        .bind("user", session.userId().value())
        .bind("plate", session.plate().value())
        .bind("spot", session.spotId().value())
        .bind("startedAt", timestamp(session.startTime()));
  }

  /** The refusal that the active sessions of this user and plate give, if any. */
  static Optional<ParkingFailure> conflictOf(Handle h, NewSession request) {
    List<Map.Entry<String, String>> holders =
        h.createQuery(CONFLICTS)
            .bind("user", request.userId().value())
            .bind("plate", request.plate().value())
            .map((rs, ctx) -> Map.entry(rs.getString("user_id"), rs.getString("plate")))
            .list();
    return StartRefusal.of(
        holders.stream().anyMatch(held -> held.getKey().equals(request.userId().value())),
        holders.stream().anyMatch(held -> held.getValue().equals(request.plate().value())),
        false);
  }

  /** Adjusts one randomly chosen stripe of the counts, inside the caller's transaction. */
  static void adjustCounts(Handle h, long totalChange, long freeChange) {
    h.createUpdate(
            "UPDATE lot_counter SET total = total + :total, free = free + :free"
                + " WHERE stripe = :stripe")
        .bind("total", totalChange)
        .bind("free", freeChange)
        .bind("stripe", counterStripe())
        .execute();
  }

  /**
   * One stripe of the counts, chosen at random so that concurrent transactions seldom queue on one
   * row (PostgreSQL's one-statement writes use their server process's stripe instead).
   */
  static int counterStripe() {
    return ThreadLocalRandom.current().nextInt(COUNTER_STRIPES);
  }

  static ParkingSession activeSession(ResultSet rs, Object ctx) throws SQLException {
    return ParkingSession.started(
        new SessionId(rs.getString("id")),
        new UserId(rs.getString("user_id")),
        new LicensePlate(rs.getString("plate")),
        new SpotId(rs.getString("spot_id")),
        instant(rs, "started_at"));
  }

  static ParkingSession endedSession(ResultSet rs, Object ctx) throws SQLException {
    return activeSession(rs, ctx).endedAt(instant(rs, "ended_at"));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    if (value == null) {
      throw new SQLException("column " + column + " is null");
    }
    return value.toInstant();
  }

  static OffsetDateTime timestamp(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
