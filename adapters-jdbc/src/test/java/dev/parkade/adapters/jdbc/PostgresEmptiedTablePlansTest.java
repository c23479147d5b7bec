package dev.parkade.adapters.jdbc;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parkade.domain.SpotFeatures;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The keyed and the session statements keep their unique indexes when their generic plan is made
 * just after the two tables that empty in normal use were emptied, vacuumed and analyzed: the keys
 * after a purge took them all, the active sessions after the lot emptied (migration 6, {@link
 * KeepPagesOfEmptiedTables}). Without it, vacuum cuts such a table to no pages, and a plan made
 * then scans the whole table on every statement until autovacuum analyzes it again.
 */
class PostgresEmptiedTablePlansTest {
  @RegisterExtension static final TestDatabase DATABASE = TestDatabase.postgres();

  @BeforeAll
  static void fillThenEmptyThenVacuum() {
    DATABASE
        .jdbi()
        .useHandle(
            h -> {
              h.execute(
                  "INSERT INTO idempotency_key (caller, idem_key, fingerprint, created_at)"
                      + " SELECT 'u' || g, 'k' || g, repeat('0', 64), now()"
                      + " FROM generate_series(1, 2000) g");
              h.execute(
                  "INSERT INTO active_session (id, user_id, plate, spot_id, started_at)"
                      + " SELECT 's' || g, 'u' || g, 'P' || g, 'L' || g, now()"
                      + " FROM generate_series(1, 2000) g");
              h.execute("DELETE FROM idempotency_key");
              h.execute("DELETE FROM active_session");
              h.execute("VACUUM ANALYZE idempotency_key");
              h.execute("VACUUM ANALYZE active_session");
            });
  }

  @Test
  void keyedStart_findsTheKeyAndTheConflictsByIndex() {
    String plan =
        GenericPlans.of(
            DATABASE.jdbi(),
            PostgresSql.keyedStart(SpotFeatures.NONE),
            List.of(
                "idemKey",
                "keyHash",
                "keyCreatedAt",
                "caller",
                "user",
                "plate",
                "facility",
                "startedAt",
                "fingerprint",
                "id"),
            "text, integer, timestamptz, text, text, text, text, timestamptz, text, text");

    assertTrue(plan.contains("using idempotency_key_pk on idempotency_key"), plan);
    assertFalse(plan.contains("Seq Scan on idempotency_key"), plan);
    assertFalse(plan.contains("Seq Scan on active_session"), plan);
  }

  @Test
  void keyedEndOfAUser_findsTheKeyAndTheSessionByIndex() {
    String plan =
        GenericPlans.of(
            DATABASE.jdbi(),
            PostgresSql.keyedEnd("user_id").orElseThrow(),
            List.of(
                "idemKey", "keyHash", "keyCreatedAt", "key", "caller", "endedAt", "fingerprint"),
            "text, integer, timestamptz, text, text, timestamptz, text");

    assertTrue(plan.contains("using idempotency_key_pk on idempotency_key"), plan);
    assertTrue(plan.contains("using active_session_user_uq on active_session"), plan);
    assertFalse(plan.contains("Seq Scan on idempotency_key"), plan);
    assertFalse(plan.contains("Seq Scan on active_session"), plan);
  }

  @Test
  void endOfAUser_findsTheSessionByIndex() {
    String plan =
        GenericPlans.of(
            DATABASE.jdbi(),
            PostgresSql.end("user_id").orElseThrow(),
            List.of("key", "endedAt"),
            "text, timestamptz");

    assertTrue(plan.contains("using active_session_user_uq on active_session"), plan);
    assertFalse(plan.contains("Seq Scan on active_session"), plan);
  }

  @Test
  void ownedEndById_findsTheSessionByAUniqueIndex() {
    String plan =
        GenericPlans.of(
            DATABASE.jdbi(),
            PostgresSql.endOwnedById(),
            List.of("key", "owner", "endedAt"),
            "text, text, timestamptz");

    // Either unique key finds the one row: the id's, or the owner's (a user has one active
    // session).
    assertTrue(plan.contains("active_session_pk") || plan.contains("active_session_user_uq"), plan);
    assertFalse(plan.contains("Seq Scan on active_session"), plan);
  }
}
