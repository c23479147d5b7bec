package dev.parkade.benchmarks;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Unkeyed start+end pairs on PostgreSQL, one build against another, as {@code
 * bench/unkeyed-against} runs it: in each round two client processes, one per build's jar, each
 * running {@code bench/UnkeyedSlices.java} on a database of its own on one embedded server, take
 * turns in slices of one wall-clock schedule, so that both meet the same drift of the host's speed.
 * The builds swap sides from one round to the next. Prints each round and, over all of them, the
 * second build's pairs over the first's.
 *
 * <p>Arguments: the first build's jar, the second build's jar, the rounds, the client threads per
 * process (during its slices), the warm-up slices and the measured slices per round.
 */
public final class UnkeyedAgainst {
  private static final long SETUP_MILLIS = 12_000;

  private UnkeyedAgainst() {}

  public static void main(String[] args) throws Exception {
    String first = args[0];
    String second = args[1];
    int rounds = Integer.parseInt(args[2]);
    int threads = Integer.parseInt(args[3]);
    int warmUp = Integer.parseInt(args[4]);
    int measured = Integer.parseInt(args[5]);
    String client = Path.of("bench", "UnkeyedSlices.java").toString();
    List<Double> ratios = new ArrayList<>();
    double firstPairs = 0;
    double secondPairs = 0;
    System.out.println("| round | first build pairs/s | second build pairs/s | second / first |");
    System.out.println("| ---: | ---: | ---: | ---: |");
    try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
      for (int round = 1; round <= rounds; round++) {
        String firstUrl = PostgresLoad.createDatabase(pg, "first_" + round);
        String secondUrl = PostgresLoad.createDatabase(pg, "second_" + round);
        long start = System.currentTimeMillis() + SETUP_MILLIS;
        int firstSide = round % 2;
        Schedule schedule = new Schedule(threads, start, warmUp, measured);
        Process a = launch(first, client, firstUrl, schedule, firstSide);
        Process b = launch(second, client, secondUrl, schedule, 1 - firstSide);
        double x = pairsPerSecond(a, "first");
        double y = pairsPerSecond(b, "second");
        firstPairs += x;
        secondPairs += y;
        ratios.add(y / x);
        System.out.printf(Locale.ROOT, "| %d | %,.0f | %,.0f | %.3f |%n", round, x, y, y / x);
      }
    }
    ratios.sort(Double::compare);
    int n = ratios.size();
    double median = (ratios.get((n - 1) / 2) + ratios.get(n / 2)) / 2;
    System.out.printf(
        Locale.ROOT,
        "second / first: **%.3f** over all rounds' pairs; median of the rounds %.3f; from %.3f to"
            + " %.3f%n",
        secondPairs / firstPairs,
        median,
        ratios.get(0),
        ratios.get(n - 1));
  }

  /** What both clients of a round share: their threads, and their slices' start and count. */
  private record Schedule(int threads, long start, int warmUp, int measured) {}

  private static Process launch(String jar, String client, String url, Schedule s, int side)
      throws IOException {
    return new ProcessBuilder(
            "java",
            "-cp",
            jar,
            client,
            url,
            String.valueOf(s.threads()),
            String.valueOf(s.start()),
            String.valueOf(side),
            String.valueOf(s.warmUp()),
            String.valueOf(s.measured()))
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
  }

  private static double pairsPerSecond(Process process, String build) throws Exception {
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    if (!process.waitFor(1, TimeUnit.MINUTES) || process.exitValue() != 0 || out.isEmpty()) {
      throw new IllegalStateException("the " + build + " build's client failed: " + out);
    }
    return Double.parseDouble(out);
  }
}
