package dev.parkade.benchmarks;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads JMH CSV results of {@link TypedPairs} and prints, for every cell (threads, spots,
 * occupancy), the untyped and typed pairs per second and typed over untyped.
 */
public final class TypedReport {
  private TypedReport() {}

  public static void main(String[] args) throws IOException {
    Map<String, Map<String, Double>> cells = new TreeMap<>();
    for (String file : args) {
      List<String> lines = Files.readAllLines(Path.of(file), StandardCharsets.UTF_8);
      List<String> header = Report.split(lines.get(0));
      for (String line : lines.subList(1, lines.size())) {
        List<String> row = Report.split(line);
        String key =
            String.format(
                Locale.ROOT,
                "%s|%09d|%s",
                row.get(header.indexOf("Threads")),
                Integer.parseInt(row.get(header.indexOf("Param: spots"))),
                row.get(header.indexOf("Param: occupancy")));
        cells
            .computeIfAbsent(key, k -> new TreeMap<>())
            .put(
                row.get(header.indexOf("Param: mix")),
                Double.parseDouble(row.get(header.indexOf("Score"))));
      }
    }
    System.out.println(
        "| threads | spots | occupancy | untyped pairs/s | typed pairs/s | typed / untyped |");
    System.out.println("| ---: | ---: | ---: | ---: | ---: | ---: |");
    for (Map.Entry<String, Map<String, Double>> cell : cells.entrySet()) {
      String[] k = cell.getKey().split("\\|", -1);
      double untyped = cell.getValue().getOrDefault("untyped", Double.NaN);
      double typed = cell.getValue().getOrDefault("typed", Double.NaN);
      System.out.printf(
          Locale.ROOT,
          "| %s | %,d | %s%% | %,.0f | %,.0f | %.2f |%n",
          k[0],
          Integer.parseInt(k[1]),
          new BigDecimal(k[2]).movePointRight(2).stripTrailingZeros().toPlainString(),
          untyped,
          typed,
          typed / untyped);
    }
  }
}
