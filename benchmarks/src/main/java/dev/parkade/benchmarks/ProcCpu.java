package dev.parkade.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
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
    return sum(
        Path.of("/proc/self/task"), name -> Arrays.stream(prefixes).anyMatch(name::startsWith));
  }

  /** CPU time of every process on this machine named {@code command}; 0 where there is none. */
  static long processesNanos(String command) {
    return sum(Path.of("/proc"), command::equals);
  }

  /** CPU time of the processes or threads listed in {@code directory} whose name {@code counts}. */
  private static long sum(Path directory, Predicate<String> counts) {
    long nanos = 0;
    try (Stream<Path> entries = Files.list(directory)) {
      for (Path entry : entries.toList()) {
        if (!entry.getFileName().toString().chars().allMatch(Character::isDigit)) {
          continue; // not a process or thread id (/proc/self, /proc/sys, ...)
        }
        try {
          String stat = Files.readString(entry.resolve("stat"));
          if (counts.test(stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')))) {
            nanos += nanos(stat);
          }
        } catch (IOException ended) {
          // it ended while being read: its time is no longer counted by anyone
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
