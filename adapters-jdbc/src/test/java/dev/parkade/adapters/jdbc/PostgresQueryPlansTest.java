package dev.parkade.adapters.jdbc;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parkade.domain.SpotFeatures;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The hot queries keep using their indexes on PostgreSQL once a prepared statement's plan is
 * generic, even when that plan was made while the session tables were empty, as on a fresh
 * database: the driver prepares each statement on the server, and the server keeps a generic plan
 * for as long as nothing invalidates it. The spot table holds a lot analyzed while all free, the
 * statistics under which the planner was tempted to walk the primary key instead of the free-spot
 * index. Its spots have every feature class, mostly class 0 (a lot with some typed spots): with
 * every spot of one class, the planner rightly finds the free-spot index as good for the claim as
 * the claim index, since the facility and class then select every row.
 */
class PostgresQueryPlansTest {
  @RegisterExtension static final TestDatabase DATABASE = TestDatabase.postgres();

  @BeforeAll
  static void analyzeAnAllFreeLot() {
    DATABASE
        .jdbi()
        .useHandle(
            h -> {
              h.execute(
                  "INSERT INTO spot (id, free, feature_class)"
                      + " SELECT 'L' || lpad(g::text, 5, '0'), TRUE,"
                      + " CASE WHEN g % 2 = 0 THEN 0 ELSE g % 16 END"
                      + " FROM generate_series(1, 2000) g");
              h.execute("ANALYZE spot");
            });
  }

  @Test
  void claim_inTheStartStatement_walksTheClaimIndex_forEveryNeeds() {
    for (int needs = 0; needs < SpotFeatures.CLASSES; needs++) {
      String plan =
          genericPlan(
              PostgresSql.start(SpotFeatures.ofMask(needs)),
              List.of("user", "plate", "id", "startedAt", "facility"),
              "text, text, text, timestamptz, text");

      assertTrue(plan.contains("using spot_claim_idx on spot"), plan);
      assertFalse(plan.contains("Sort"), plan); // the classes are walked in the list's order
    }
  }

  @Test
  void freeSpotListing_walksTheFreeSpotIndex() {
    String plan = genericPlan(SharedSql.FREE_SPOTS, List.of("limit"), "integer");

    assertTrue(plan.contains("using spot_free_idx on spot"), plan);
    assertFalse(plan.contains("Sort"), plan);
  }

  @Test
  void conflictCheck_planMadeOnEmptyTables_usesTheUniqueIndexes() {
    String plan = genericPlan(SharedSql.CONFLICTS, List.of("user", "plate"), "text, text");

    assertFalse(plan.contains("Seq Scan"), plan);
    assertTrue(plan.contains("active_session_user_uq"), plan);
    assertTrue(plan.contains("active_session_plate_uq"), plan);
  }

  @Test
  void historyPage_planMadeOnEmptyTables_startsTheIndexWalkAtTheCursor() {
    String plan =
        genericPlan(
            SharedSql.endedPage(true),
            List.of("endedAt", "id", "limit"),
            "timestamptz, text, integer");

    assertFalse(plan.contains("Seq Scan"), plan);
    assertTrue(plan.contains("Index Cond: (ended_at <= $1)"), plan);
  }

  private static String genericPlan(String sql, List<String> parameters, String types) {
    return GenericPlans.of(DATABASE.jdbi(), sql, parameters, types);
  }
}
