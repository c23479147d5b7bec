package dev.parkade.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The top frames of an async-profiler profile in collapsed form (one stack per line, frames from
 * the thread's root to the sampled frame, then a count), as Markdown tables.
 *
 * <p>For a CPU profile: the samples by kind of thread, the frames that were on CPU themselves
 * (self), and Parkade's own frames with everything they called (total). For a lock profile ({@code
 * locks}): each contended lock's class with the innermost frame outside the JDK that waited for it.
 *
 * <p>{@code java -cp benchmarks.jar dev.parkade.benchmarks.TopFrames <file.collapsed> <rows>
 * [locks]}
 */
public final class TopFrames {
  private TopFrames() {}

  public static void main(String[] args) throws IOException {
    Path file = Path.of(args[0]);
    int rows = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    boolean locks = args.length > 2 && args[2].equals("locks");
    List<String> lines = Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList();
    if (locks) {
      printLocks(lines, rows);
    } else {
      printCpu(lines, rows);
    }
  }

  private static void printCpu(List<String> lines, int rows) {
    Map<String, Long> kinds = new HashMap<>();
    Map<String, Long> self = new HashMap<>();
    Map<String, Long> total = new HashMap<>();
    long all = 0;
    for (String line : lines) {
      Sample s = Sample.of(line);
      all += s.count;
      kinds.merge(kind(s.frames), s.count, Long::sum);
      self.merge(s.frames.get(s.frames.size() - 1), s.count, Long::sum);
      Set<String> seen = new HashSet<>();
      for (String frame : s.frames) {
        if (frame.startsWith("dev/parkade/") && !frame.contains("$$Lambda") && seen.add(frame)) {
          total.merge(frame, s.count, Long::sum);
        }
      }
    }
    System.out.printf(Locale.ROOT, "%,d samples%n%n", all);
    table("thread kind", kinds, all, rows);
    System.out.println();
    table("frame on CPU (self)", self, all, rows);
    System.out.println();
    table("Parkade frame, with all it called (total)", total, all, rows);
  }

  private static void printLocks(List<String> lines, int rows) {
    Map<String, Long> waits = new HashMap<>();
    long all = 0;
    for (String line : lines) {
      Sample s = Sample.of(line);
      all += s.count;
      String lock = s.frames.get(s.frames.size() - 1);
      String waiter = "(JDK only)";
      for (String frame : s.frames.subList(0, s.frames.size() - 1)) {
        if (!frame.startsWith("java/") && !frame.startsWith("jdk/") && !frame.startsWith("sun/")) {
          waiter = frame;
        }
      }
      waits.merge(lock + " ← " + waiter, s.count, Long::sum);
    }
    System.out.printf(Locale.ROOT, "%,d samples%n%n", all);
    table("lock ← innermost waiting frame outside the JDK", waits, all, rows);
  }

  /** Who ran the sample: the JIT compiler, the garbage collector, Jetty's request threads, ... */
  private static String kind(List<String> frames) {
    for (String frame : frames) {
      if (frame.startsWith("CompileBroker::")) {
        return "JIT compiler";
      }
      if (frame.startsWith("G1")
          || frame.startsWith("VMThread::")
          || frame.startsWith("WorkerThread::")) {
        return "garbage collector";
      }
      if (frame.startsWith("org/eclipse/jetty/")) {
        return "Jetty (requests, I/O)";
      }
    }
    return "other";
  }

  private static void table(String what, Map<String, Long> counts, long all, int rows) {
    System.out.printf(Locale.ROOT, "| %s | share |%n| --- | ---: |%n", what);
    counts.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .limit(rows)
        .forEach(
            e ->
                System.out.printf(
                    Locale.ROOT,
                    "| `%s` | %.1f%% |%n",
                    e.getKey().replace("|", "\\|"),
                    100.0 * e.getValue() / all));
  }

  /** One collapsed line: the frames, root first, and how many samples had them. */
  private record Sample(List<String> frames, long count) {
    static Sample of(String line) {
      int space = line.lastIndexOf(' ');
      return new Sample(
          List.of(line.substring(0, space).split(";", -1)),
          Long.parseLong(line.substring(space + 1).trim()));
    }
  }
}
