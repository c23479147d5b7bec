package dev.parkade.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/** CPU time as Linux reports it in {@code /proc}, for the load harnesses' CPU tables. */
final class ProcCpu {
  /** {@code /proc} counts in clock ticks of USER_HZ, which is 100 on Linux. */
  private static final long NANOS_PER_TICK = 1_000_000_000L / 100;

  private ProcCpu() {}

  /**
   * CPU time of this process's threads whose names start with one of {@code prefixes}, in
   * nanoseconds; 0 where there is no {@code /proc}.
   */
  static long ownThreadsNanos(String... prefixes) {
    long nanos = 0;
    try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
      for (Path task : tasks.toList()) {
        try {
          String stat = Files.readString(task.resolve("stat"));
          String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
          if (Arrays.stream(prefixes).anyMatch(name::startsWith)) {
            nanos += nanos(stat);
          }
        } catch (IOException ended) {
          // the thread ended while being read
        }
      }
    } catch (IOException noProc) {
      return 0;
    }
    return nanos;
  }

  /** User plus system time in a {@code /proc/.../stat} line (fields 14 and 15), in nanoseconds. */
  static long nanos(String statLine) {
    List<String> fields =
        Arrays.asList(statLine.substring(statLine.lastIndexOf(')') + 2).strip().split(" ", -1));
    return (Long.parseLong(fields.get(11)) + Long.parseLong(fields.get(12))) * NANOS_PER_TICK;
  }
}
