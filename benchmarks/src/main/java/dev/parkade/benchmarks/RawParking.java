package dev.parkade.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The raw baseline in a database of its own: a table of free spots, a session table, and the least
 * a start and an end can do in SQL, with no constraint beyond the keys and no domain code. A start
 * claims the first free spot ({@code FOR UPDATE}, with or without {@code SKIP LOCKED}) and inserts
 * a session; an end stamps the session and frees its spot. Each is one transaction. Closing it
 * drops its database.
 */
final class RawParking implements AutoCloseable {
  /** A started session: its row and the spot it holds. */
  record Parked(long session, String spot) {}

  private final EmbeddedPostgres pg;
  private final String database;
  private final HikariDataSource pool;
  private final int spots;
  private final Transactions transactions;

  private RawParking(
      EmbeddedPostgres pg, String database, HikariDataSource pool, int spots, boolean skipLocked) {
    this.pg = pg;
    this.database = database;
    this.pool = pool;
    this.spots = spots;
    this.transactions = new Transactions(skipLocked);
  }

  /**
   * A new database {@code database} on {@code pg} with {@code spots} free spots, reached through a
   * pool of {@code poolSize} connections.
   */
  static RawParking open(
      EmbeddedPostgres pg, String database, int poolSize, int spots, boolean skipLocked)
      throws SQLException {
    HikariDataSource pool = PostgresLoad.pool(PostgresLoad.createDatabase(pg, database), poolSize);
    try (Connection c = pool.getConnection()) {
      createTables(c, spots);
    } catch (SQLException | RuntimeException failed) {
      pool.close();
      throw failed;
    }
    return new RawParking(pg, database, pool, spots, skipLocked);
  }

  /** A pooled connection, auto-commit off, for {@link #start} and {@link #end}. */
  Connection connection() throws SQLException {
    return Transactions.connection(pool);
  }

  int poolSize() {
    return pool.getMaximumPoolSize();
  }

  /** The spots marked free, counted by the database. */
  long freeSpots() throws SQLException {
    try (Connection c = pool.getConnection()) {
      return freeSpotRows(c);
    }
  }

  /** Throws unless every spot is free, as it must be once no client runs. */
  void checkAllFree() throws SQLException {
    PostgresLoad.requireAllFree(freeSpots(), spots);
  }

  @Override
  public void close() {
    pool.close();
    PostgresLoad.dropDatabase(pg, database);
  }

  private static void createTables(Connection c, int spots) throws SQLException {
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

  /** Starts a session on {@code c}, a {@link #connection}; empty when no spot is free. */
  Optional<Parked> start(Connection c) throws SQLException {
    return transactions.start(c);
  }

  /** Ends {@code parked} on {@code c}, a {@link #connection}. */
  void end(Connection c, Parked parked) throws SQLException {
    transactions.end(c, parked);
  }

  /**
   * The start and the end themselves, on a connection with auto-commit off from any pool of the raw
   * database: what {@link RawHttpFloor} runs in a process of its own.
   */
  static final class Transactions {
    private final String claim;

    Transactions(boolean skipLocked) {
      this.claim =
          "UPDATE spot SET free = false WHERE id = (SELECT id FROM spot WHERE free ORDER BY id"
              + " LIMIT 1 FOR UPDATE"
              + (skipLocked ? " SKIP LOCKED" : "")
              + ") RETURNING id";
    }

    /** A connection of {@code pool} with auto-commit off, for {@link #start} and {@link #end}. */
    static Connection connection(DataSource pool) throws SQLException {
      Connection c = pool.getConnection();
      c.setAutoCommit(false);
      return c;
    }

    /** Starts a session on {@code c}; empty when no spot is free. */
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

    /** Ends {@code parked} on {@code c}. */
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
}
