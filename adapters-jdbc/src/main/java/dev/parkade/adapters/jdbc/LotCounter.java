package dev.parkade.adapters.jdbc;

import java.util.concurrent.ThreadLocalRandom;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Update;

/**
 * The lot's counts, kept in {@code lot_counter} as {@link #STRIPES} rows that a read sums, so that
 * concurrent writes seldom queue on one row's lock. Which stripe a write changes is chosen per
 * database, here and nowhere else; {@link SessionWrites#counter()} says which database is which.
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

  private final String stripe;
  private final String adjustment;

  LotCounter(String stripe) {
    this.stripe = stripe;
    this.adjustment =
        "UPDATE lot_counter SET total = total + :total, free = free + :free WHERE stripe = "
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

  /** Binds what {@link #stripe()} names, if anything. */
  abstract Update bindStripe(Update update);
}
