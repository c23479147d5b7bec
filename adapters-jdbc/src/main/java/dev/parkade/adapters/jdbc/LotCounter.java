package dev.parkade.adapters.jdbc;

import java.util.concurrent.ThreadLocalRandom;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Update;

/**
 * The lot's counts, kept in {@code lot_counter} as {@link #STRIPES} rows that a read sums, so that
 * concurrent writes seldom queue on one row's lock; and each facility's counts per feature class,
 * kept in {@code class_counter} the same way (16 classes of {@link #STRIPES} rows per facility).
 * Which stripe a write changes is chosen per database, here and nowhere else; {@link
 * SessionWrites#counter()} says which database is which.
 */
enum LotCounter {
  /**
   * The stripe of the connection's server process. A server process runs one statement at a time,
   * and a pool that opens its connections together usually gets consecutive process ids, so its
   * concurrent writes seldom queue on one stripe's row lock (connections opened later fall where
   * their ids fall). A stripe chosen at random per statement, inside a transaction, did queue
   * (sampled from {@code pg_stat_activity} under the load harness).
   */
  POSTGRESQL("pg_backend_pid() % " + LotCounter.STRIPES) {
    @Override
    Update bindStripe(Update update) {
      return update;
    }
  },

  /**
   * A stripe chosen at random per statement: H2 has no server process to tell connections apart.
   */
  H2(":stripe") {
    @Override
    Update bindStripe(Update update) {
      return update.bind("stripe", ThreadLocalRandom.current().nextInt(STRIPES));
    }
  };

  /** How many rows {@code lot_counter} has (see the migrations). */
  static final int STRIPES = 64;

  static final String OCCUPANCY =
      "SELECT COALESCE(SUM(total), 0) AS total, COALESCE(SUM(free), 0) AS free FROM lot_counter";

  /**
   * A facility's counts per feature class, one statement whatever the size of the lot; no row when
   * there is no such facility (every facility has its counter rows).
   */
  static final String FACILITY_COUNTS =
      "SELECT c.feature_class, SUM(c.total) AS total, SUM(c.free) AS free"
          + " FROM facility f JOIN class_counter c ON c.facility_id = f.id"
          + " WHERE f.id = :facility GROUP BY c.feature_class";

  /** The counter rows of a new facility: every class, every stripe, at zero. */
  static final String NEW_FACILITY_COUNTERS =
      "INSERT INTO class_counter (facility_id, feature_class, stripe, total, free)"
          + " SELECT :facility, k.mask, l.stripe, 0, 0 FROM feature_class k CROSS JOIN lot_counter l";

  static final String DELETE_FACILITY_COUNTERS =
      "DELETE FROM class_counter WHERE facility_id = :facility";

  private final String stripe;
  private final String adjustment;
  private final String classAdjustment;

  LotCounter(String stripe) {
    this.stripe = stripe;
    this.adjustment =
        "UPDATE lot_counter SET total = total + :total, free = free + :free WHERE stripe = "
            + stripe;
    this.classAdjustment =
        "UPDATE class_counter SET total = total + :total, free = free + :free"
            + " WHERE facility_id = :facility AND feature_class = :class AND stripe = "
            + stripe;
  }

  /** The SQL expression of the stripe that a statement of this database changes. */
  String stripe() {
    return stripe;
  }

  /** Adjusts this database's stripe of the counts, inside the caller's transaction. */
  void adjust(Handle h, long totalChange, long freeChange) {
    bindStripe(h.createUpdate(adjustment).bind("total", totalChange).bind("free", freeChange))
        .execute();
  }

  /**
   * Adjusts this database's stripe of the counts of one facility and feature class, and of the lot,
   * inside the caller's transaction.
   */
  void adjust(Handle h, String facility, int featureClass, long totalChange, long freeChange) {
    adjust(h, totalChange, freeChange);
    bindStripe(
            h.createUpdate(classAdjustment)
                .bind("facility", facility)
                .bind("class", featureClass)
                .bind("total", totalChange)
                .bind("free", freeChange))
        .execute();
  }

  /**
   * The SQL of a data-modifying common table expression that changes the free count of the facility
   * and class that each row of {@code cte} names (columns {@code facility_id} and {@code
   * classColumn}) by {@code change}: what a one-statement start or end runs.
   */
  String classCountIn(String cte, String classColumn, int change) {
    return """
        UPDATE class_counter SET free = free + (%3$d) FROM %1$s
        WHERE class_counter.facility_id = %1$s.facility_id
          AND class_counter.feature_class = %1$s.%2$s AND class_counter.stripe = %4$s
        """
        .formatted(cte, classColumn, change, stripe);
  }

  /** Binds what {@link #stripe()} names, if anything. */
  abstract Update bindStripe(Update update);
}
