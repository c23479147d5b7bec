package dev.parkade.benchmarks;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads JMH CSV results of {@link StartEndPairs} and prints, for every cell (threads, spots,
 * occupancy), each design's pairs per second and Parkade's ratios against the reference designs
 * measured in the same run; and, in the cells where they were run, the {@link
 * LockFreeFloorEngine}'s ratio against the best reference, Parkade's against both floor designs,
 * and the {@link RecordKeepingFloorEngine}'s against the lock-free floor: what the promises alone
 * cost.
 */
public final class Report {
  private Report() {}

  private record Cell(int threads, int spots, double occupancy) {}

  public static void main(String[] args) throws IOException {
    Map<String, Map<String, Double>> cells = new TreeMap<>();
    for (String file : args) {
      List<String> lines = Files.readAllLines(Path.of(file), StandardCharsets.UTF_8);
      List<String> header = split(lines.get(0));
      for (String line : lines.subList(1, lines.size())) {
        List<String> row = split(line);
        if (!row.get(header.indexOf("Benchmark")).endsWith("startThenEnd")) {
          continue;
        }
        Cell cell =
            new Cell(
                Integer.parseInt(row.get(header.indexOf("Threads"))),
                Integer.parseInt(row.get(header.indexOf("Param: spots"))),
                Double.parseDouble(row.get(header.indexOf("Param: occupancy"))));
        String key =
            String.format(
                Locale.ROOT, "%d|%09d|%05.3f", cell.threads(), cell.spots(), cell.occupancy());
        cells
            .computeIfAbsent(key, k -> new TreeMap<>())
            .put(
                row.get(header.indexOf("Param: design")),
                Double.parseDouble(row.get(header.indexOf("Score"))));
      }
    }
    System.out.printf(
        Locale.ROOT,
        "| threads | spots | occupancy | parkade pairs/s | global lock | literal scan | parkade / best reference | parkade / literal scan | lock-free floor / best reference | parkade / lock-free floor | parkade / record-keeping floor | record-keeping floor / lock-free floor |%n"
            + "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |%n");
    for (Map.Entry<String, Map<String, Double>> cell : cells.entrySet()) {
      String[] k = cell.getKey().split("\\|", -1);
      Map<String, Double> by = cell.getValue();
      double parkade = by.getOrDefault("parkade", Double.NaN);
      double lock = by.getOrDefault("global-lock", Double.NaN);
      double scan = by.getOrDefault("literal-scan", Double.NaN);
      Double floor = by.get("lock-free-floor");
      Double keeping = by.get("record-keeping-floor");
      // the literal scan runs in the cells its target names only
      double best = Double.isNaN(scan) ? lock : Math.max(lock, scan);
      System.out.printf(
          Locale.ROOT,
          "| %s | %,d | %s%% | %,.0f | %,.0f | %s | %.2f | %s | %s | %s | %s | %s |%n",
          k[0],
          Integer.parseInt(k[1]),
          new BigDecimal(k[2]).movePointRight(2).stripTrailingZeros().toPlainString(),
          parkade,
          lock,
          Double.isNaN(scan) ? "" : String.format(Locale.ROOT, "%,.0f", scan),
          parkade / best,
          Double.isNaN(scan) ? "" : String.format(Locale.ROOT, "%,.1f", parkade / scan),
          floor == null ? "" : String.format(Locale.ROOT, "%.2f", floor / best),
          floor == null ? "" : String.format(Locale.ROOT, "%.2f", parkade / floor),
          keeping == null ? "" : String.format(Locale.ROOT, "%.2f", parkade / keeping),
          keeping == null || floor == null
              ? ""
              : String.format(Locale.ROOT, "%.2f", keeping / floor));
    }
  }

  /** The fields of a line of JMH's CSV, without their quotes. */
  static List<String> split(String line) {
    List<String> fields = new ArrayList<>();
    for (String field : line.split(",", -1)) {
      fields.add(field.replace("\"", ""));
    }
    return fields;
  }
}
