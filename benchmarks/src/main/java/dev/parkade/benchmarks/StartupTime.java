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
 * Time from launching {@code parkade serve} to its ready line, for memory storage and for a fresh
 * H2 database, next to a JVM that only prints its version: the jar run as {@code java -jar}, and,
 * when given, the {@code ./parkade} launcher, which hands the JVM the build's class-data archive.
 * The commands take turns, in an order that rotates each round, so that a host slowing down or
 * speeding up weighs on all of them alike.
 */
public final class StartupTime {
  private StartupTime() {}

  /** One command to time, and what it prints when ready (null: time it to its exit). */
  private record Variant(String what, List<String> command, @Nullable String readyLine) {}

  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      throw new IllegalArgumentException("usage: StartupTime <parkade.jar> [runs] [launcher]");
    }
    // Each run starts in a directory of its own: a relative path would not name the jar there.
    String jar = Path.of(args[0]).toAbsolutePath().toString();
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    String ready = "Parkade ready at";
    List<Variant> variants = new ArrayList<>();
    variants.add(
        new Variant("bare JVM (java -version), the baseline", List.of("java", "-version"), null));
    for (String storage : List.of("memory", "h2")) {
      String what = storage.equals("h2") ? "h2 (fresh data directory)" : storage;
      variants.add(
          new Variant(
              "java -jar parkade.jar serve --storage " + what,
              List.of("java", "-jar", jar, "serve", "--port", "0", "--storage", storage),
              ready));
      if (args.length > 2) {
        String launcher = Path.of(args[2]).toAbsolutePath().toString();
        variants.add(
            new Variant(
                "./parkade serve --storage " + what + ", with the class-data archive",
                List.of(launcher, "serve", "--port", "0", "--storage", storage),
                ready));
      }
    }
    List<List<Double>> millis = new ArrayList<>();
    variants.forEach(variant -> millis.add(new ArrayList<>()));
    for (int run = 0; run < runs; run++) {
      for (int i = 0; i < variants.size(); i++) {
        int turn = (run + i) % variants.size();
        millis.get(turn).add(time(variants.get(turn)));
      }
    }
    for (int i = 0; i < variants.size(); i++) {
      List<Double> times = millis.get(i);
      times.sort(Double::compare);
      System.out.printf(
          Locale.ROOT,
          "| %s | %.0f ms | %.0f ms | %.0f ms |%n",
          variants.get(i).what(),
          times.get(0),
          times.get(times.size() / 2),
          times.get(times.size() - 1));
    }
  }

  private static double time(Variant variant) throws Exception {
    Path dir = Files.createTempDirectory("parkade-startup");
    long started = System.nanoTime();
    Process process =
        new ProcessBuilder(variant.command())
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .start();
    List<String> lines = new ArrayList<>();
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        lines.add(line);
        if (variant.readyLine() != null && line.contains(variant.readyLine())) {
          return (System.nanoTime() - started) / 1e6;
        }
      }
      if (variant.readyLine() != null) {
        throw new IllegalStateException(
            variant.command() + " exited before its ready line: " + String.join("\n", lines));
      }
      return (System.nanoTime() - started) / 1e6;
    } finally {
      process.destroy();
      process.waitFor(30, TimeUnit.SECONDS);
    }
  }
}
