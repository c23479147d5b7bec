package dev.parkade.benchmarks;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Time from launching {@code java -jar parkade.jar serve} to its ready line, over several runs, for
 * memory storage and for a fresh H2 database, next to a JVM that only prints its version.
 */
public final class StartupTime {
  private StartupTime() {}

  public static void main(String[] args) throws Exception {
    String jar = args[0];
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    report("bare JVM (java -version), the baseline", runs, List.of("java", "-version"), null);
    report(
        "serve --storage memory",
        runs,
        List.of("java", "-jar", jar, "serve", "--port", "0", "--storage", "memory"),
        "Parkade ready at");
    report(
        "serve --storage h2 (fresh data directory)",
        runs,
        List.of("java", "-jar", jar, "serve", "--port", "0", "--storage", "h2"),
        "Parkade ready at");
  }

  private static void report(
      String what, int runs, List<String> command, @Nullable String readyLine) throws Exception {
    List<Double> millis = new ArrayList<>();
    for (int run = 0; run < runs; run++) {
      Path dir = Files.createTempDirectory("parkade-startup");
      long started = System.nanoTime();
      Process process =
          new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
      try (BufferedReader out =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = out.readLine(); line != null; line = out.readLine()) {
          if (readyLine == null || line.contains(readyLine)) {
            break;
          }
        }
        millis.add((System.nanoTime() - started) / 1e6);
      } finally {
        process.destroy();
        process.waitFor(30, TimeUnit.SECONDS);
      }
    }
    millis.sort(Double::compare);
    System.out.printf(
        Locale.ROOT,
        "| %s | %.0f ms | %.0f ms | %.0f ms |%n",
        what,
        millis.get(0),
        millis.get(millis.size() / 2),
        millis.get(millis.size() - 1));
  }
}
