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
   * The stripe that the connection claimed when it opened ({@link #CLAIM_STRIPE}), else that of its
   * server process id. A connection runs one statement at a time, so connections on stripes of
   * their own never queue on each other's stripe lock. A stripe chosen at random per statement,
   * inside a transaction, did queue (sampled from {@code pg_stat_activity} under the load harness),
   * and so did the process id alone whenever two connections' ids fell on one stripe
   * (BENCHMARKS.md, section 14). The setting is taken modulo the stripes: one set to any other
   * number (by {@code ALTER DATABASE ... SET}, say) would match no row, and the write's count would
   * be lost.
   */
  POSTGRESQL(
      "(COALESCE(NULLIF(current_setting('parkade.stripe', true), '')::integer, pg_backend_pid()) % "
          + LotCounter.STRIPES
          + " + "
          + LotCounter.STRIPES
          + ") % "
          + LotCounter.STRIPES) {
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

  /** The first key of the advisory locks that hold PostgreSQL connections' stripes. */
  static final int STRIPE_LOCKS = 0x5041524b;

  /**
   * Run once by each new PostgreSQL connection: claims the first stripe that no other connection,
   * of this process or another sharing the database, holds, with a session-level advisory lock that
   * the connection keeps until it closes, and names it in the setting {@code parkade.stripe}. With
   * every stripe held it names none, and {@link #POSTGRESQL}'s stripe falls back to the process id.
   */
  static final String CLAIM_STRIPE =
      """
      SELECT set_config('parkade.stripe', s::text, false) FROM generate_series(0, %1$d) AS s
      WHERE pg_try_advisory_lock(%2$d, s) LIMIT 1"""
          .formatted(STRIPES - 1, STRIPE_LOCKS);

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
