package dev.parkade.adapters.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parkade.domain.SpotId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * On PostgreSQL each pooled connection claims a counter stripe that no other connection holds, and
 * its writes change that stripe: connections whose process ids fell on one stripe queued on its row
 * lock (BENCHMARKS.md, section 14).
 */
class PostgresCounterStripesTest {
  private final String url = TestDatabase.newPostgresDatabase();
  private final Jdbi jdbi = Jdbi.create(url, "postgres", "postgres");
  private final List<Handle> handles = new ArrayList<>();

  @AfterEach
  void closeHandles() {
    handles.forEach(Handle::close);
  }

  @Test
  void connectionsClaimStripesOfTheirOwn_andAClosedConnectionsStripeIsClaimedAgain() {
    List<Handle> claimed = new ArrayList<>();
    Set<Integer> stripes = new HashSet<>();
    for (int i = 0; i < 8; i++) {
      Handle h = claimingConnection();
      claimed.add(h);
      stripes.add(stripeOf(h));
      assertEquals(List.of(stripeOf(h)), stripeLocksOf(h), "one stripe lock, its own");
    }
    assertEquals(8, stripes.size(), "no stripe claimed twice: " + stripes);

    Handle leaving = claimed.get(3);
    int freed = stripeOf(leaving);
    leaving.close();
    handles.remove(leaving);

    assertEquals(freed, stripeOf(claimingConnection()));
  }

  @Test
  void aWriteChangesTheStripeItsConnectionNames_notItsProcessIdsStripe() {
    JdbcStorage.open(JdbcSettings.of(url, "postgres", "postgres").withPoolSize(1)).close();
    Handle h = connection();
    h.execute(
        "SELECT set_config('parkade.stripe', ((pg_backend_pid() + 1) % "
            + LotCounter.STRIPES
            + ")::text, false)");
    int named = stripeOf(h);

    LotCounter.POSTGRESQL.adjust(h, 5, 3);

    assertEquals(List.of(named + ": 5, 3"), changedStripes(h));
  }

  @Test
  void withEveryStripeHeld_aConnectionNamesNone_andCountsOnItsProcessIdsStripe() {
    JdbcStorage.open(JdbcSettings.of(url, "postgres", "postgres").withPoolSize(1)).close();
    connection()
        .createQuery("SELECT pg_advisory_lock(:key, s) FROM generate_series(0, :last) AS s")
        .bind("key", LotCounter.STRIPE_LOCKS)
        .bind("last", LotCounter.STRIPES - 1)
        .mapToMap()
        .list();
    Handle late = claimingConnection();
    int pidStripe =
        late.createQuery("SELECT pg_backend_pid() % " + LotCounter.STRIPES)
            .mapTo(Integer.class)
            .one();

    LotCounter.POSTGRESQL.adjust(late, 5, 3);

    assertEquals(List.of(), stripeLocksOf(late), "no stripe lock");
    assertEquals(List.of(pidStripe + ": 5, 3"), changedStripes(late));
  }

  @Test
  void aStripeSetOutsideTheStripes_countsOnTheStripeItFallsOn() {
    JdbcStorage.open(JdbcSettings.of(url, "postgres", "postgres").withPoolSize(1)).close();
    Handle h = connection();
    h.execute("SELECT set_config('parkade.stripe', '-" + (LotCounter.STRIPES + 3) + "', false)");

    LotCounter.POSTGRESQL.adjust(h, 5, 3);

    assertEquals(List.of((LotCounter.STRIPES - 3) + ": 5, 3"), changedStripes(h));
  }

  @Test
  void thePoolsConnectionsClaimTheirStripesWhenTheyOpen() {
    try (JdbcStorage storage =
        JdbcStorage.open(JdbcSettings.of(url, "postgres", "postgres").withPoolSize(1))) {
      storage.lot().add(List.of(new SpotId("A-1")));

      List<Integer> held =
          connection()
              .createQuery(
                  "SELECT objid::integer FROM pg_locks WHERE locktype = 'advisory'"
                      + " AND database = (SELECT oid FROM pg_database WHERE datname ="
                      + " current_database()) AND classid::bigint = :key AND objsubid = 2")
              .bind("key", stripeLockKey())
              .mapTo(Integer.class)
              .list();

      assertEquals(1, held.size(), "the pool's one connection holds one stripe: " + held);
    }
  }

  /** The stripes of the lot's counts that are not zero, as "stripe: total, free". */
  private static List<String> changedStripes(Handle h) {
    return h.createQuery("SELECT stripe, total, free FROM lot_counter WHERE total <> 0")
        .map(
            (rs, ctx) ->
                rs.getInt("stripe") + ": " + rs.getLong("total") + ", " + rs.getLong("free"))
        .list();
  }

  private Handle connection() {
    Handle h = jdbi.open();
    handles.add(h);
    return h;
  }

  private Handle claimingConnection() {
    Handle h = connection();
    h.execute(LotCounter.CLAIM_STRIPE);
    return h;
  }

  private static int stripeOf(Handle h) {
    return h.createQuery("SELECT current_setting('parkade.stripe')::integer")
        .mapTo(Integer.class)
        .one();
  }

  /** The stripes whose advisory locks the connection of {@code h} holds. */
  private static List<Integer> stripeLocksOf(Handle h) {
    return h.createQuery(
            "SELECT objid::integer FROM pg_locks WHERE locktype = 'advisory'"
                + " AND pid = pg_backend_pid() AND classid::bigint = :key AND objsubid = 2")
        .bind("key", stripeLockKey())
        .mapTo(Integer.class)
        .list();
  }

  /** The first key of the stripes' advisory locks, as {@code pg_locks} shows it (an oid). */
  private static long stripeLockKey() {
    return LotCounter.STRIPE_LOCKS;
  }
}
