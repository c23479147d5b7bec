package dev.parkade.adapters.jdbc;

import static dev.parkade.adapters.jdbc.SharedSql.SESSION_COLUMNS;

import dev.parkade.domain.BestFit;
import dev.parkade.domain.ParkingSession;
import dev.parkade.domain.SpotFeatures;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The SQL that only PostgreSQL runs: a start and an end each as one data-modifying common table
 * expression that checks, claims, writes and counts in a single round trip. Each is atomic on its
 * own, so it runs without a transaction around it.
 */
final class PostgresSql {

  /**
   * The conflict check and the claim read one snapshot, so a refusal names what was true at one
   * instant. The claim walks the feature classes that fit the start's needs, best first ({@link
   * BestFit#order}), as a list of values joined laterally to a {@code LIMIT 1 FOR UPDATE SKIP
   * LOCKED} lookup in the claim index ({@code facility_id, feature_class, free, id}): the nested
   * loop takes the classes in the list's order and the outer {@code LIMIT 1} stops it at the first
   * class with a spot it can lock, so a start locks one row at most. (A statement that locks rows
   * never runs in parallel, so nothing reorders the list.) It claims nothing when the user or plate
   * is busy. A start of the same user or plate committed after the snapshot still meets the unique
   * constraints. Answers the spot taken and its class, if any, whether the user and the plate were
   * found busy, and whether the facility is missing.
   */
  private static final String START =
      """
      WITH conflict AS (%1$s), claimed AS (
          SELECT c.id FROM (VALUES %2$s) AS k(mask)
          CROSS JOIN LATERAL (
              SELECT id FROM spot
              WHERE facility_id = :facility AND feature_class = k.mask AND free = TRUE
              ORDER BY facility_id, feature_class, free, id LIMIT 1
              FOR UPDATE SKIP LOCKED
          ) c
          WHERE NOT EXISTS (SELECT 1 FROM conflict)
          LIMIT 1
      ), taken AS (
          UPDATE spot SET free = FALSE FROM claimed WHERE spot.id = claimed.id
          RETURNING spot.id, spot.facility_id, spot.feature_class
      ), started AS (
          INSERT INTO active_session (%3$s)
          SELECT :id, :user, :plate, taken.id, :startedAt, taken.facility_id, taken.feature_class
          FROM taken
          RETURNING spot_id, facility_id, spot_features
      ), counted AS (%4$s), class_counted AS (%5$s)
      SELECT (SELECT spot_id FROM started) AS spot,
             (SELECT spot_features FROM started) AS features,
             EXISTS (SELECT 1 FROM conflict WHERE user_id = :user) AS user_busy,
             EXISTS (SELECT 1 FROM conflict WHERE plate = :plate) AS plate_busy,
             NOT EXISTS (SELECT 1 FROM facility WHERE id = :facility) AS facility_missing
      """;

  /** The start statement for each needs (by mask): its classes written out in best-fit order. */
  private static final List<String> START_BY_NEEDS = startsByNeeds();

  /**
   * Deleting the active row is what decides a race between two ends: the second waits for the
   * first's row lock, then finds nothing to delete. The end time is clamped to the start, as {@link
   * ParkingSession#endedAt} does.
   */
  private static final String END =
      """
      WITH ended AS (
          DELETE FROM active_session WHERE %2$s RETURNING %1$s
      ), kept AS (
          INSERT INTO ended_session (%1$s, ended_at)
          SELECT %1$s, GREATEST(started_at, :endedAt) FROM ended
          RETURNING %1$s, ended_at
      ), freed AS (
          UPDATE spot SET free = TRUE FROM ended WHERE spot.id = ended.spot_id
      ), counted AS (%3$s), class_counted AS (%4$s)
      SELECT %1$s, ended_at FROM kept
      """;

  private PostgresSql() {}

  /** The start of a session that needs {@code needs}. */
  static String start(SpotFeatures needs) {
    return START_BY_NEEDS.get(needs.mask());
  }

  private static List<String> startsByNeeds() {
    List<String> starts = new ArrayList<>();
    for (int mask = 0; mask < SpotFeatures.CLASSES; mask++) {
      String classes =
          BestFit.order(SpotFeatures.ofMask(mask)).stream()
              .map(fitting -> "(" + fitting.mask() + ")")
              .collect(Collectors.joining(", "));
      starts.add(
          START.formatted(
              SharedSql.CONFLICTS,
              classes,
              SESSION_COLUMNS,
              countIf("started", -1),
              LotCounter.POSTGRESQL.classCountIn("started", "spot_features", -1)));
    }
    return List.copyOf(starts);
  }

  /**
   * A keyed start: the unkeyed start with the key's row and lock before it ({@link
   * KeyRows#PRIOR_AND_LOCK}), its claim gated on the lock, and the key written with the session it
   * starts, all one statement. With a row found or the lock not got, it claims nothing.
   */
  static String keyedStart(SpotFeatures needs) {
    return KEYED_START_BY_NEEDS.get(needs.mask());
  }

  private static final List<String> KEYED_START_BY_NEEDS =
      START_BY_NEEDS.stream().map(PostgresSql::keyed).toList();

  private static String keyed(String start) {
    String keyed =
        replaceOnce(
            start,
            "WITH conflict AS (",
            KeyRows.PRIOR_AND_LOCK + ", go AS (SELECT 1 FROM lock WHERE got), conflict AS (");
    keyed =
        replaceOnce(
            keyed,
            "WHERE NOT EXISTS (SELECT 1 FROM conflict)\n",
            "WHERE NOT EXISTS (SELECT 1 FROM conflict) AND EXISTS (SELECT 1 FROM go)\n");
    keyed =
        replaceOnce(
            keyed,
            "\nSELECT (SELECT spot_id FROM started) AS spot,",
            ", keyed AS ("
                + KeyRows.KEYED_FROM_STARTED
                + ")\nSELECT (SELECT spot_id FROM started) AS spot,");
    return replaceOnce(
        keyed, "AS facility_missing", "AS facility_missing, " + KeyRows.PRIOR_AND_LOCK_COLUMNS);
  }

  private static String replaceOnce(String sql, String fragment, String replacement) {
    int at = sql.indexOf(fragment);
    if (at < 0 || sql.indexOf(fragment, at + 1) >= 0) {
      throw new IllegalStateException("the statement lost its fragment: " + fragment);
    }
    return sql.substring(0, at) + replacement + sql.substring(at + fragment.length());
  }

  /** The end statement for each column an {@link ActiveSessionKey} may name, built once. */
  private static final Map<String, String> END_BY_COLUMN =
      Map.of("id", endWhere("id = :key"), "user_id", endWhere("user_id = :key"));

  /** The end of the active session whose {@code column} is {@code :key}. */
  static Optional<String> end(String column) {
    return Optional.ofNullable(END_BY_COLUMN.get(column));
  }

  private static final String OWNED_END_BY_ID = endWhere("id = :key AND user_id = :owner");

  /**
   * The end of the active session whose id is {@code :key} if its user is {@code :owner}: of
   * another user's, it deletes nothing and so ends nothing.
   */
  static String endOwnedById() {
    return OWNED_END_BY_ID;
  }

  /**
   * A keyed end of the active session whose {@code column} is {@code :key}: the unkeyed end with
   * the key's row and lock before it ({@link KeyRows#PRIOR_AND_LOCK}), its delete gated on the
   * lock, and the key written with the session it ends, all one statement. It answers one row
   * always: the ended session's columns, null when it ended none, and the key's.
   */
  static Optional<String> keyedEnd(String column) {
    return Optional.ofNullable(KEYED_END_BY_COLUMN.get(column));
  }

  private static final Map<String, String> KEYED_END_BY_COLUMN =
      Map.of("id", keyedOf(endWhere("id = :key")), "user_id", keyedOf(endWhere("user_id = :key")));

  private static String keyedOf(String end) {
    String keyed = replaceOnce(end, "WITH ended AS (", KeyRows.PRIOR_AND_LOCK + ", ended AS (");
    keyed =
        replaceOnce(
            keyed,
            " = :key RETURNING ",
            " = :key AND EXISTS (SELECT 1 FROM lock WHERE got) RETURNING ");
    return replaceOnce(
        keyed,
        "\nSELECT " + SESSION_COLUMNS + ", ended_at FROM kept\n",
        ", keyed AS ("
            + KeyRows.KEYED_FROM_KEPT
            + ")\nSELECT kept.*, "
            + KeyRows.PRIOR_AND_LOCK_COLUMNS
            + " FROM (VALUES (1)) AS one (x) LEFT JOIN kept ON TRUE\n");
  }

  /** The end of the active session that {@code where} picks. */
  private static String endWhere(String where) {
    return END.formatted(
        SESSION_COLUMNS,
        where,
        countIf("ended", +1),
        LotCounter.POSTGRESQL.classCountIn("ended", "spot_features", +1));
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
