package dev.parkade.adapters.jdbc;

import static dev.parkade.adapters.jdbc.SharedSql.SESSION_COLUMNS;

/**
 * The SQL of {@link PortableWrites}, the starts and ends of H2: several plain statements in one
 * transaction, since H2 has no data-modifying common table expressions.
 */
final class PortableSql {
  /**
   * Free spots of facility {@code :facility} and feature class {@code :class} after {@code :after},
   * in id order: ordered as the claim index is, see {@link SharedSql#FREE_SPOTS}.
   */
  static final String FREE_CANDIDATES =
      "SELECT id FROM spot WHERE facility_id = :facility AND feature_class = :class"
          + " AND free = TRUE AND id > :after"
          + " ORDER BY facility_id, feature_class, free, id LIMIT :n";

  /** Locks one candidate if it is still free and nobody holds it, without waiting. */
  static final String LOCK_CANDIDATE =
      "SELECT id FROM spot WHERE id = :id AND free = TRUE FOR UPDATE SKIP LOCKED";

  static final String TAKE_SPOT = "UPDATE spot SET free = FALSE WHERE id = :id AND free = TRUE";

  static final String INSERT_ACTIVE =
      "INSERT INTO active_session ("
          + SESSION_COLUMNS
          + ") VALUES (:id, :user, :plate, :spot, :startedAt, :facility, :features)";

  static final String DELETE_ACTIVE = "DELETE FROM active_session WHERE id = :id";

  static final String INSERT_ENDED =
      "INSERT INTO ended_session ("
          + SESSION_COLUMNS
          + ", ended_at) VALUES (:id, :user, :plate, :spot, :startedAt, :facility, :features,"
          + " :endedAt)";

  static final String FREE_SPOT = "UPDATE spot SET free = TRUE WHERE id = :id";

  private PortableSql() {}

  /**
   * Locks the active session whose {@code column} is {@code :key}, and whose user is {@code :owner}
   * if {@code owned}: another user's row is neither read nor locked.
   */
  static String lockActive(String column, boolean owned) {
    return String.format(
        "SELECT %s FROM active_session WHERE %s = :key%s FOR UPDATE",
        SESSION_COLUMNS, column, owned ? " AND user_id = :owner" : "");
  }
}
