package dev.parkade.adapters.jdbc;

import static dev.parkade.adapters.jdbc.SharedSql.SESSION_COLUMNS;

import dev.parkade.domain.ParkingSession;
import java.util.Map;
import java.util.Optional;

/**
 * The SQL that only PostgreSQL runs: a start and an end each as one data-modifying common table
 * expression that checks, claims, writes and counts in a single round trip. Each is atomic on its
 * own, so it runs without a transaction around it.
 */
final class PostgresSql {

  /**
   * The conflict check and the claim read one snapshot, so a refusal names what was true at one
   * instant. The claim skips rows that another start has locked ({@code SKIP LOCKED}) and stops at
   * the first it can lock; it claims nothing when the user or plate is busy. A start of the same
   * user or plate committed after the snapshot still meets the unique constraints. The claim orders
   * by {@code free, id} so that the planner walks the free-spot index (see {@link
   * SharedSql#FREE_SPOTS}). Answers the spot taken, if any, and whether the user and the plate were
   * found busy.
   */
  static final String START =
      """
      WITH conflict AS (%s), claimed AS (
          SELECT id FROM spot
          WHERE free = TRUE AND NOT EXISTS (SELECT 1 FROM conflict)
          ORDER BY free, id LIMIT 1
          FOR UPDATE OF spot SKIP LOCKED
      ), taken AS (
          UPDATE spot SET free = FALSE FROM claimed WHERE spot.id = claimed.id RETURNING spot.id
      ), started AS (
          INSERT INTO active_session (%s)
          SELECT :id, :user, :plate, taken.id, :startedAt FROM taken
          RETURNING spot_id
      ), counted AS (%s)
      SELECT (SELECT spot_id FROM started) AS spot,
             EXISTS (SELECT 1 FROM conflict WHERE user_id = :user) AS user_busy,
             EXISTS (SELECT 1 FROM conflict WHERE plate = :plate) AS plate_busy
      """
          .formatted(SharedSql.CONFLICTS, SESSION_COLUMNS, countIf("started", -1));

  /**
   * Deleting the active row is what decides a race between two ends: the second waits for the
   * first's row lock, then finds nothing to delete. The end time is clamped to the start, as {@link
   * ParkingSession#endedAt} does.
   */
  private static final String END =
      """
      WITH ended AS (
          DELETE FROM active_session WHERE %2$s = :key RETURNING %1$s
      ), kept AS (
          INSERT INTO ended_session (%1$s, ended_at)
          SELECT %1$s, GREATEST(started_at, :endedAt) FROM ended
          RETURNING %1$s, ended_at
      ), freed AS (
          UPDATE spot SET free = TRUE FROM ended WHERE spot.id = ended.spot_id
      ), counted AS (%3$s)
      SELECT %1$s, ended_at FROM kept
      """;

  /** The end statement for each column an {@link ActiveSessionKey} may name, built once. */
  private static final Map<String, String> END_BY_COLUMN =
      Map.of("id", endWhere("id"), "user_id", endWhere("user_id"));

  private PostgresSql() {}

  /** The end of the active session whose {@code column} is {@code :key}. */
  static Optional<String> end(String column) {
    return Optional.ofNullable(END_BY_COLUMN.get(column));
  }

  private static String endWhere(String column) {
    return END.formatted(SESSION_COLUMNS, column, countIf("ended", +1));
  }

  /** Changes the free count by {@code change} if the CTE {@code cte} wrote. */
  private static String countIf(String cte, int change) {
    return """
        UPDATE lot_counter SET free = free + (%2$d)
        WHERE stripe = %3$s AND EXISTS (SELECT 1 FROM %1$s)
        """
        .formatted(cte, change, LotCounter.POSTGRESQL.stripe());
  }
}
