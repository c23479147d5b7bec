package dev.parkade.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * The raw baseline's schema and transactions: a table of free spots, a session table, and the least
 * a start and an end can do in SQL, with no constraint beyond the keys and no domain code. A start
 * claims the first free spot ({@code FOR UPDATE}, with or without {@code SKIP LOCKED}) and inserts
 * a session; an end stamps the session and frees its spot. Each is one transaction.
 */
final class RawParking {
  /** A started session: its row and the spot it holds. */
  record Parked(long session, String spot) {}

  private final String claim;

  RawParking(boolean skipLocked) {
    this.claim =
        "UPDATE spot SET free = false WHERE id = (SELECT id FROM spot WHERE free ORDER BY id"
            + " LIMIT 1 FOR UPDATE"
            + (skipLocked ? " SKIP LOCKED" : "")
            + ") RETURNING id";
  }

  /** Creates the two tables on {@code c} and fills the spot table with {@code spots} free spots. */
  static void createTables(Connection c, int spots) throws SQLException {
    try (Statement sql = c.createStatement()) {
      sql.execute("CREATE TABLE spot (id TEXT PRIMARY KEY, free BOOLEAN NOT NULL)");
      sql.execute("CREATE INDEX spot_free ON spot (free, id)");
      sql.execute(
          "CREATE TABLE session (id BIGSERIAL PRIMARY KEY, spot_id TEXT NOT NULL,"
              + " started_at TIMESTAMPTZ NOT NULL, ended_at TIMESTAMPTZ)");
      sql.execute(
          "INSERT INTO spot SELECT 'L' || lpad(g::text, 7, '0'), TRUE FROM generate_series(1, "
              + spots
              + ") g");
    }
  }

  /** The rows of the {@code spot} table marked free, counted by the database itself. */
  static long freeSpotRows(Connection c) throws SQLException {
    try (Statement sql = c.createStatement();
        ResultSet rs = sql.executeQuery("SELECT count(*) FROM spot WHERE free")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** Starts a session on {@code c}, which must not auto-commit; empty when no spot is free. */
  Optional<Parked> start(Connection c) throws SQLException {
    String spot;
    try (PreparedStatement p = c.prepareStatement(claim);
        ResultSet rs = p.executeQuery()) {
      if (!rs.next()) {
        c.rollback();
        return Optional.empty();
      }
      spot = rs.getString(1);
    }
    long session;
    try (PreparedStatement p =
        c.prepareStatement(
            "INSERT INTO session (spot_id, started_at) VALUES (?, now()) RETURNING id")) {
      p.setString(1, spot);
      try (ResultSet rs = p.executeQuery()) {
        rs.next();
        session = rs.getLong(1);
      }
    }
    c.commit();
    return Optional.of(new Parked(session, spot));
  }

  /** Ends {@code parked} on {@code c}, which must not auto-commit. */
  void end(Connection c, Parked parked) throws SQLException {
    try (PreparedStatement end =
            c.prepareStatement("UPDATE session SET ended_at = now() WHERE id = ?");
        PreparedStatement free = c.prepareStatement("UPDATE spot SET free = true WHERE id = ?")) {
      end.setLong(1, parked.session());
      end.executeUpdate();
      free.setString(1, parked.spot());
      free.executeUpdate();
    }
    c.commit();
  }
}
