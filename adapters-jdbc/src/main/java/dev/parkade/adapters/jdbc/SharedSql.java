package dev.parkade.adapters.jdbc;

import dev.parkade.domain.SpotFeatures;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQL that PostgreSQL and H2 both run as written: every read, and the changes of the spot
 * inventory. What only one database runs is in {@link PostgresSql} (PostgreSQL's starts and ends)
 * or {@link PortableSql} (H2's); the lot's counts are in {@link LotCounter}.
 */
final class SharedSql {
  /**
   * The columns every session row has, active or ended; the last two are the facility and the
   * feature class of its spot.
   */
  static final String SESSION_COLUMNS =
      "id, user_id, plate, spot_id, started_at, facility_id, spot_features";

  /** The columns of a spot row that a listing shows. */
  static final String SPOT_COLUMNS = "id, free, facility_id, feature_class";

  static final String ACTIVE_OF_USER =
      "SELECT " + SESSION_COLUMNS + " FROM active_session WHERE user_id = :user";

  static final String ACTIVE_BY_ID =
      "SELECT " + SESSION_COLUMNS + " FROM active_session WHERE id = :id";

  static final String ENDED_BY_ID =
      "SELECT " + SESSION_COLUMNS + ", ended_at FROM ended_session WHERE id = :id";

  static final String ENDED_OWNER_BY_ID = "SELECT user_id FROM ended_session WHERE id = :id";

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

  /** The first of {@code <ids>} that is a spot already. */
  static final String FIRST_EXISTING_SPOT =
      "SELECT id FROM spot WHERE id IN (<ids>) ORDER BY id LIMIT 1";

  static final String INSERT_FREE_SPOT =
      "INSERT INTO spot (id, free, facility_id, feature_class)"
          + " VALUES (:id, TRUE, :facility, :class)";

  /** Waits for a start that is claiming this very spot, then reads what it decided. */
  static final String LOCK_SPOT =
      "SELECT free, facility_id, feature_class FROM spot WHERE id = :id FOR UPDATE";

  // ---------------------------------------------------------------- facilities

  static final String FACILITY_COLUMNS = "id, name, lat, lon, address";

  static final String FACILITY_BY_ID =
      "SELECT " + FACILITY_COLUMNS + " FROM facility WHERE id = :id";

  static final String FACILITIES = "SELECT " + FACILITY_COLUMNS + " FROM facility ORDER BY id";

  static final String INSERT_FACILITY =
      "INSERT INTO facility (" + FACILITY_COLUMNS + ") VALUES (:id, :name, :lat, :lon, :address)";

  /**
   * Locks a facility's row: a spot add holds it while it inserts, a deletion while it checks that
   * no spot is left, so that of an add and a deletion of one facility the second sees what the
   * first did (both databases re-read a row whose lock they waited for).
   */
  static final String LOCK_FACILITY = "SELECT id FROM facility WHERE id = :id FOR UPDATE";

  static final String ANY_SPOT_OF_FACILITY =
      "SELECT id FROM spot WHERE facility_id = :id ORDER BY facility_id LIMIT 1";

  static final String DELETE_FACILITY = "DELETE FROM facility WHERE id = :id";

  static final String DELETE_SPOT = "DELETE FROM spot WHERE id = :id";

  /** Whether the database answers at all. */
  static final String PING = "SELECT 1";

  private SharedSql() {}

  /** A page of active sessions in spot id order, from the start or after {@code :after}. */
  static String activePage(boolean afterSpot) {
    return inOrderOf("spot_id", "SELECT " + SESSION_COLUMNS + " FROM active_session", afterSpot);
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

  /**
   * A page of spots in id order, from the start or after {@code :after}, of facility {@code
   * :facility} if {@code inFacility}, of the feature classes {@code <classes>} if {@code byClass}.
   */
  static String spotPage(boolean afterSpot, boolean inFacility, boolean byClass) {
    List<String> conditions = new ArrayList<>();
    if (afterSpot) {
      conditions.add("id > :after");
    }
    conditions.addAll(filter(inFacility, byClass));
    return "SELECT "
        + SPOT_COLUMNS
        + " FROM spot"
        + where(conditions)
        + " ORDER BY id LIMIT :limit";
  }

  /**
   * Up to {@code :limit} free spots of facility {@code :facility} if {@code inFacility}, of the
   * feature classes {@code <classes>} if {@code byClass}: in the order of the claim's index for a
   * facility, in id order otherwise.
   */
  static String freeSpots(boolean inFacility, boolean byClass) {
    List<String> conditions = new ArrayList<>(List.of("free = TRUE"));
    conditions.addAll(filter(inFacility, byClass));
    String order = inFacility ? "facility_id, feature_class, free, id" : "free, id";
    return "SELECT id FROM spot" + where(conditions) + " ORDER BY " + order + " LIMIT :limit";
  }

  /** The feature classes of spots having every feature of {@code required}. */
  static List<Integer> classesHaving(SpotFeatures required) {
    List<Integer> classes = new ArrayList<>();
    for (int mask = 0; mask < SpotFeatures.CLASSES; mask++) {
      if (SpotFeatures.ofMask(mask).hasAll(required)) {
        classes.add(mask);
      }
    }
    return classes;
  }

  private static List<String> filter(boolean inFacility, boolean byClass) {
    List<String> conditions = new ArrayList<>();
    if (inFacility) {
      conditions.add("facility_id = :facility");
    }
    if (byClass) {
      conditions.add("feature_class IN (<classes>)");
    }
    return conditions;
  }

  private static String where(List<String> conditions) {
    return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
  }

  /** Up to {@code :limit} rows of {@code select} in {@code column} order, after {@code :after}. */
  private static String inOrderOf(String column, String select, boolean after) {
    return select
        + (after ? " WHERE " + column + " > :after" : "")
        + " ORDER BY "
        + column
        + " LIMIT :limit";
  }
}
