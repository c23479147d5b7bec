package dev.parkade.benchmarks;

import dev.parkade.benchmarks.PostgresLoad.Phases;
import dev.parkade.benchmarks.PostgresLoad.Run;
import dev.parkade.benchmarks.PostgresLoad.Variant;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What the counts cost a start+end pair on PostgreSQL, and what is left against raw SKIP LOCKED
 * without them. Parkade's start and end each change two counter rows, the lot's stripe and the
 * stripe of the spot's facility and feature class, so that the lot's and a facility's counts are
 * one read of a few rows whatever the number of spots. Here Parkade's own statements run on
 * databases whose counter rows were deleted after the lot was loaded: every counter update then
 * still looks its row up, and finds none to write. Three comparisons, each in alternating slices on
 * the same client threads ({@link AlternatingSlices}): Parkade against Parkade without the class
 * counter's rows (the lot's kept), Parkade against Parkade without any counter rows, and Parkade
 * without counter rows against raw SKIP LOCKED. A variant without counter rows counts its free
 * spots from the spot table to check that every spot came back.
 *
 * <p>Arguments: seconds measured per variant, the longest warm-up per variant in seconds, then the
 * client thread counts (for example {@code 4 15 32}).
 */
public final class PostgresCounterCost {
  private PostgresCounterCost() {}

  public static void main(String[] args) throws Exception {
    Phases phases = new Phases(Integer.parseInt(args[0]), Integer.parseInt(args[1]));
    int[] threadCounts = Arrays.stream(args, 2, args.length).mapToInt(Integer::parseInt).toArray();
    try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
      System.out.println(
          "| threads | comparison | first pairs/s | second pairs/s | second / first | server CPU"
              + " µs/pair: first | second | client CPU µs/pair: first | second |");
      System.out.println("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
      for (int threads : threadCounts) {
        try (Variant counted = PostgresLoad.unkeyed(pg, "counted_" + threads, threads, false);
            Variant lotOnly = uncounted(pg, "lot_counted_" + threads, threads, "class_counter")) {
          print(
              threads, "Parkade, then without the class counter's rows", counted, lotOnly, phases);
        }
        try (Variant counted =
                PostgresLoad.unkeyed(pg, "counted_again_" + threads, threads, false);
            Variant none =
                uncounted(pg, "uncounted_" + threads, threads, "class_counter", "lot_counter")) {
          print(threads, "Parkade, then without any counter rows", counted, none, phases);
        }
        try (Variant none =
                uncounted(
                    pg,
                    "uncounted_against_raw_" + threads,
                    threads,
                    "class_counter",
                    "lot_counter");
            Variant raw = PostgresLoad.raw(pg, "raw_" + threads, threads, true)) {
          print(threads, "Parkade without counter rows, then raw SKIP LOCKED", none, raw, phases);
        }
      }
    }
  }

  private static void print(
      int threads, String comparison, Variant first, Variant second, Phases phases)
      throws Exception {
    AlternatingSlices.Runs runs = PostgresLoad.alternating(threads, phases, first, second);
    Run a = runs.first();
    Run b = runs.second();
    System.out.printf(
        Locale.ROOT,
        "| %d | %s | %,.0f | %,.0f | %.2f | %.0f | %.0f | %.0f | %.0f |%n",
        threads,
        comparison,
        a.pairsPerSecond(),
        b.pairsPerSecond(),
        b.pairsPerSecond() / a.pairsPerSecond(),
        a.serverMicrosPerPair(),
        b.serverMicrosPerPair(),
        a.clientMicrosPerPair(),
        b.clientMicrosPerPair());
  }

  /**
   * Parkade's untyped pairs in a database of its own whose {@code counterTables} lost their rows
   * once the lot was loaded; its free spots counted from the spot table.
   */
  private static Variant uncounted(
      EmbeddedPostgres pg, String database, int threads, String... counterTables)
      throws SQLException {
    Variant parkade = PostgresLoad.unkeyed(pg, database, threads, false);
    String url = pg.getJdbcUrl("postgres", database);
    try (Connection c = DriverManager.getConnection(url, "postgres", "postgres");
        Statement sql = c.createStatement()) {
      for (String table : List.of(counterTables)) {
        sql.execute("DELETE FROM " + table);
      }
    } catch (SQLException | RuntimeException failed) {
      parkade.close();
      throw failed;
    }
    return new Variant(parkade.pair(), () -> freeSpots(url), parkade::close);
  }

  private static long freeSpots(String url) throws SQLException {
    try (Connection c = DriverManager.getConnection(url, "postgres", "postgres")) {
      return RawParking.freeSpotRows(c);
    }
  }
}
