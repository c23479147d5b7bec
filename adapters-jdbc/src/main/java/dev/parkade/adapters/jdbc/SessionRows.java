package dev.parkade.adapters.jdbc;

import dev.parkade.domain.FacilityId;
import dev.parkade.domain.LicensePlate;
import dev.parkade.domain.ParkingSession;
import dev.parkade.domain.SessionId;
import dev.parkade.domain.SpotFeatures;
import dev.parkade.domain.SpotId;
import dev.parkade.domain.UserId;
import dev.parkade.domain.port.NewSession;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jdbi.v3.core.statement.SqlStatement;

/** How sessions map to rows and back, on either database: the columns of {@link SharedSql}. */
final class SessionRows {
  private SessionRows() {}

  /** Binds the session columns that a start knows before it has a spot. */
  static <S extends SqlStatement<S>> S bindRequest(S statement, NewSession request) {
    return statement
        .bind("id", request.id().value())
        .bind("user", request.userId().value())
        .bind("plate", request.plate().value())
        .bind("startedAt", timestamp(request.startTime()))
        .bind("facility", request.facility().value());
  }

  /** Binds the session columns. */
  static <S extends SqlStatement<S>> S bindSession(S statement, ParkingSession session) {
    return statement
        .bind("id", session.id().value())
        .bind("user", session.userId().value())
        .bind("plate", session.plate().value())
        .bind("spot", session.spotId().value())
        .bind("startedAt", timestamp(session.startTime()))
        .bind("facility", session.facilityId().value())
        .bind("features", session.spotFeatures().mask());
  }

  static ParkingSession activeSession(ResultSet rs, Object ctx) throws SQLException {
    return ParkingSession.started(
        new SessionId(rs.getString("id")),
        new UserId(rs.getString("user_id")),
        new LicensePlate(rs.getString("plate")),
        new SpotId(rs.getString("spot_id")),
        instant(rs, "started_at"),
        new FacilityId(rs.getString("facility_id")),
        SpotFeatures.ofMask(rs.getInt("spot_features")));
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
