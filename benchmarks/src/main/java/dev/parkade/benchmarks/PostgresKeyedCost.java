package dev.parkade.benchmarks;

import dev.parkade.benchmarks.PostgresLoad.KeyedAndUnkeyed;
import dev.parkade.benchmarks.PostgresLoad.Phases;
import dev.parkade.benchmarks.PostgresLoad.Run;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.util.Arrays;
import java.util.Locale;

/**
 * Where a keyed pair's extra cost on PostgreSQL comes from: keyed against unkeyed untyped pairs,
 * measured in alternating slices on one server as {@link PostgresLoad} runs them ({@link
 * AlternatingSlices}), with the CPU each costs per pair in the client's process and in the
 * server's, at each thread count.
 *
 * <p>Arguments: seconds measured per variant, the longest warm-up per variant in seconds, then the
 * client thread counts (for example {@code 8 15 1 32}).
 */
public final class PostgresKeyedCost {
  private PostgresKeyedCost() {}

  public static void main(String[] args) throws Exception {
    Phases phases = new Phases(Integer.parseInt(args[0]), Integer.parseInt(args[1]));
    int[] threadCounts = Arrays.stream(args, 2, args.length).mapToInt(Integer::parseInt).toArray();
    try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
      System.out.println(
          "| threads | unkeyed pairs/s | keyed pairs/s | keyed / unkeyed | server CPU µs/pair:"
              + " unkeyed | keyed | keyed / unkeyed | client CPU µs/pair: unkeyed | keyed | keyed /"
              + " unkeyed |");
      System.out.println("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
      for (int threads : threadCounts) {
        KeyedAndUnkeyed both = PostgresLoad.keyedAndUnkeyed(pg, "", threads, phases);
        Run unkeyed = both.unkeyed();
        Run keyed = both.keyed();
        System.out.printf(
            Locale.ROOT,
            "| %d | %,.0f | %,.0f | %.2f | %.0f | %.0f | %.2f | %.0f | %.0f | %.2f |%n",
            threads,
            unkeyed.pairsPerSecond(),
            keyed.pairsPerSecond(),
            keyed.pairsPerSecond() / unkeyed.pairsPerSecond(),
            unkeyed.serverMicrosPerPair(),
            keyed.serverMicrosPerPair(),
            keyed.serverMicrosPerPair() / unkeyed.serverMicrosPerPair(),
            unkeyed.clientMicrosPerPair(),
            keyed.clientMicrosPerPair(),
            keyed.clientMicrosPerPair() / unkeyed.clientMicrosPerPair());
      }
    }
  }
}
