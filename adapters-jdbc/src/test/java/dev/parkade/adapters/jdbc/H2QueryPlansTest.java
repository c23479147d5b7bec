package dev.parkade.adapters.jdbc;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The hot queries read index entries, not tables, on H2: counted by H2's own {@code EXPLAIN
 * ANALYZE} on tables of a few thousand rows, where a scan would read them all.
 */
class H2QueryPlansTest {
  @RegisterExtension static final TestDatabase DATABASE = TestDatabase.h2();

  private static final int ROWS = 2_000;
  private static final Instant START = Instant.parse("2026-11-24T10:00:00Z");
  // H2 cannot tell a parameter's type inside an expression, so the start time is cast.
  private static final String START_TIME = "CAST(:start AS TIMESTAMP WITH TIME ZONE)";
  private static final Pattern SCAN_COUNT = Pattern.compile("scanCount: (\\d+)");

  @BeforeAll
  static void fillTheTables() {
    DATABASE
        .jdbi()
        .useHandle(
            h -> {
              h.createUpdate(
                      "INSERT INTO active_session (id, user_id, plate, spot_id, started_at)"
                          + " SELECT 's' || X, 'u' || X, 'P' || X, 'L' || X, "
                          + START_TIME
                          + " FROM SYSTEM_RANGE(1, :rows)")
                  .bind("start", SessionRows.timestamp(START))
                  .bind("rows", ROWS)
                  .execute();
              h.createUpdate(
                      "INSERT INTO ended_session"
                          + " (id, user_id, plate, spot_id, started_at, ended_at)"
                          + " SELECT 'e' || X, 'u' || X, 'P' || X, 'L' || X, "
                          + START_TIME
                          + ", DATEADD(SECOND, X, "
                          + START_TIME
                          + ") FROM SYSTEM_RANGE(1, :rows)")
                  .bind("start", SessionRows.timestamp(START))
                  .bind("rows", ROWS)
                  .execute();
              h.createUpdate(
                      "INSERT INTO spot (id, free) SELECT 'L' || LPAD(X, 5, '0'), TRUE"
                          + " FROM SYSTEM_RANGE(1, :rows)")
                  .bind("rows", ROWS)
                  .execute();
            });
  }

  @Test
  void conflictCheck_readsOnlyTheMatchingIndexEntries() {
    long read = rowsRead(SharedSql.CONFLICTS, Map.of("user", "u7", "plate", "P9"));

    assertTrue(read <= 4, "rows read: " + read);
  }

  @Test
  void historyPage_afterACursor_startsAtTheCursor() {
    long read =
        rowsRead(
            SharedSql.endedPage(true),
            Map.of(
                "endedAt",
                SessionRows.timestamp(START.plusSeconds(ROWS / 2)),
                "id",
                "e" + ROWS / 2,
                "limit",
                10));

    assertTrue(read <= 12, "rows read for a page of 10: " + read);
  }

  @Test
  void freeSpotListing_readsOnlyThePage() {
    long read = rowsRead(SharedSql.FREE_SPOTS, Map.of("limit", 10));

    assertTrue(read <= 11, "rows read for 10 free spots: " + read);
  }

  @Test
  void claimCandidates_readOnlyTheCandidates() {
    long read =
        rowsRead(
            PortableSql.FREE_CANDIDATES,
            Map.of("facility", "default", "class", 0, "after", "L00100", "n", 16));

    assertTrue(read <= 17, "rows read for 16 candidates: " + read);
  }

  /** The rows H2 read to answer {@code sql}, summed over every table it scanned. */
  private static long rowsRead(String sql, Map<String, Object> parameters) {
    String plan =
        DATABASE
            .jdbi()
            .withHandle(
                h ->
                    String.join(
                        "\n",
                        h.createQuery("EXPLAIN ANALYZE " + sql)
                            .bindMap(parameters)
                            .mapTo(String.class)
                            .list()));
    Matcher counts = SCAN_COUNT.matcher(plan);
    long read = 0;
    while (counts.find()) {
      read += Long.parseLong(counts.group(1));
    }
    assertTrue(plan.contains("scanCount"), plan);
    return read;
  }
}
