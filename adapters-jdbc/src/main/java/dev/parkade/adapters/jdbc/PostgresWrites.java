package dev.parkade.adapters.jdbc;

import static dev.parkade.adapters.jdbc.SessionRows.SESSION_COLUMNS;

import dev.parkade.domain.ParkingSession;
import dev.parkade.domain.SpotId;
import dev.parkade.domain.StartRefusal;
import dev.parkade.domain.port.NewSession;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jspecify.annotations.Nullable;

/**
 * Starts and ends on PostgreSQL, each one statement: a data-modifying common table expression that
 * checks, claims, writes and counts in a single round trip, where the portable writes take five or
 * six. The statement is atomic on its own, so it runs without a transaction around it.
 */
final class PostgresWrites implements SessionWrites {

  /**
   * The conflict check and the claim read one snapshot, so a refusal names what was true at one
   * instant. The claim skips rows that another start has locked ({@code SKIP LOCKED}) and stops at
   * the first it can lock; it claims nothing when the user or plate is busy. A start of the same
   * user or plate committed after the snapshot still meets the unique constraints. The claim orders
   * by {@code free, id} so that the planner walks the free-spot index (see {@link
   * SessionRows#FREE_SPOTS}).
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
          .formatted(SessionRows.CONFLICTS, SESSION_COLUMNS, countIf("started", -1));

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

  private static String endWhere(String column) {
    return END.formatted(SESSION_COLUMNS, column, countIf("ended", +1));
  }

  /**
   * Changes the free count by {@code change} if the CTE {@code cte} wrote, on the stripe of this
   * connection's server process. A server process runs one statement at a time, and a pool that
   * opens its connections together usually gets consecutive process ids, so its concurrent writes
   * seldom queue on one stripe's row lock (connections opened later fall where their ids fall). A
   * stripe chosen at random per statement, in a transaction, did queue: in the load harness at 8
   * client threads about three backends in eight were waiting on a stripe at any moment (sampled
   * from {@code pg_stat_activity}); none were after this and running without a transaction.
   */
  private static String countIf(String cte, int change) {
    return """
        UPDATE lot_counter SET free = free + (%2$d)
        WHERE stripe = pg_backend_pid() %% %3$d AND EXISTS (SELECT 1 FROM %1$s)
        """
        .formatted(cte, change, SessionRows.COUNTER_STRIPES);
  }

  private record Outcome(@Nullable String spot, boolean userBusy, boolean plateBusy) {}

  @Override
  public boolean eachIsOneStatement() {
    return true;
  }

  @Override
  public ParkingSession start(Handle h, NewSession request) {
    Outcome outcome =
        SessionRows.bindRequest(h.createQuery(START), request)
            .map(
                (rs, ctx) ->
                    new Outcome(
                        rs.getString("spot"),
                        rs.getBoolean("user_busy"),
                        rs.getBoolean("plate_busy")))
            .one();
    String spot = outcome.spot();
    StartRefusal.check(outcome.userBusy(), outcome.plateBusy(), spot == null);
    if (spot == null) {
      throw new IllegalStateException("a start that claimed no spot was not refused");
    }
    return ParkingSession.started(
        request.id(), request.userId(), request.plate(), new SpotId(spot), request.startTime());
  }

  @Override
  public Optional<ParkingSession> end(Handle h, ActiveSessionKey key, Instant endTime) {
    String end = END_BY_COLUMN.get(key.column());
    if (end == null) {
      throw new IllegalArgumentException("no end statement for column " + key.column());
    }
    return h.createQuery(end)
        .bind("key", key.value())
        .bind("endedAt", SessionRows.timestamp(endTime))
        .map(SessionRows::endedSession)
        .findOne();
  }
}
