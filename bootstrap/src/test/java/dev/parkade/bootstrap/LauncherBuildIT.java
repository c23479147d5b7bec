package dev.parkade.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's own build, in a copy of the tree that has no jar yet: invocations started together
 * wait for one build, a change outside the jar's modules builds nothing, and a failed build says so
 * on one line.
 */
class LauncherBuildIT {
  private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
  private static final Set<String> NOT_COPIED = Set.of("target", ".git", "parkade-data");
  private static final String BUILDING = "parkade: building ";

  @TempDir Path copy;

  private record Run(int status, List<String> lines) {}

  @Test
  void twoInvocationsAtOnce_buildOnce_andBothRun() throws Exception {
    copyTree();

    CompletableFuture<Run> first = CompletableFuture.supplyAsync(() -> help(copy));
    CompletableFuture<Run> second = CompletableFuture.supplyAsync(() -> help(copy));
    Run one = first.get(10, TimeUnit.MINUTES);
    Run other = second.get(10, TimeUnit.MINUTES);

    assertEquals(0, one.status(), one.lines()::toString);
    assertEquals(0, other.status(), other.lines()::toString);
    assertTrue(one.lines().stream().anyMatch(l -> l.startsWith("Usage: parkade")), one::toString);
    assertTrue(
        other.lines().stream().anyMatch(l -> l.startsWith("Usage: parkade")), other::toString);
    long builds =
        Stream.concat(one.lines().stream(), other.lines().stream())
            .filter(l -> l.startsWith(BUILDING))
            .count();
    assertEquals(1, builds, "one build for both: " + one + " " + other);

    // A changed benchmark is not in the jar: the next invocation runs the jar it has.
    Path jar = copy.resolve("bootstrap/target/parkade.jar");
    Path benchmark =
        copy.resolve("benchmarks/src/main/java/dev/parkade/benchmarks/PostgresLoad.java");
    Files.setLastModifiedTime(
        benchmark,
        FileTime.from(Files.getLastModifiedTime(jar).toInstant().plus(Duration.ofMinutes(1))));
    Run afterBenchmarkChange = help(copy);
    assertEquals(0, afterBenchmarkChange.status(), afterBenchmarkChange::toString);
    assertTrue(
        afterBenchmarkChange.lines().stream().noneMatch(l -> l.startsWith(BUILDING)),
        afterBenchmarkChange::toString);

    // A broken source: the next invocation rebuilds, fails, and says so on one line.
    Path source = copy.resolve("domain/src/main/java/dev/parkade/domain/ParkingFailure.java");
    Files.writeString(source, "this is not Java", StandardCharsets.UTF_8);
    Run broken = help(copy);
    assertNotEquals(0, broken.status(), broken::toString);
    assertEquals(2, broken.lines().size(), broken::toString);
    assertTrue(broken.lines().get(0).startsWith(BUILDING), broken::toString);
    assertTrue(
        broken.lines().get(1).startsWith("parkade: the build failed; its output is in "),
        broken::toString);
  }

  private void copyTree() throws IOException {
    try (Stream<Path> files = Files.walk(REPOSITORY)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Path relative = REPOSITORY.relativize(file);
        boolean skipped = false;
        for (Path part : relative) {
          skipped |= NOT_COPIED.contains(part.toString());
        }
        if (skipped || relative.toString().isEmpty()) {
          continue;
        }
        Path target = copy.resolve(relative.toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }

  private static Run help(Path tree) {
    try {
      ProcessBuilder builder =
          new ProcessBuilder(tree.resolve("parkade").toString(), "--help").directory(tree.toFile());
      builder.redirectErrorStream(true);
      Process process = builder.start();
      process.getOutputStream().close();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(process.waitFor(10, TimeUnit.MINUTES));
      return new Run(process.exitValue(), output.lines().toList());
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
