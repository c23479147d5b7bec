package dev.parkade.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The JVM options {@code ./parkade} runs the server with ({@code bootstrap/jvm.options}, read as
 * the launcher reads it), so that a harness which starts the jar itself measures the server as it
 * is deployed. {@code -Dhttpload.serverOptions="..."} replaces them (separated by spaces; empty for
 * none), to compare the server with other options.
 */
final class LauncherOptions {
  private LauncherOptions() {}

  /**
   * The options kept beside the module that built {@code jar} ({@code
   * bootstrap/target/parkade.jar}); none when that file is absent, as for a jar copied elsewhere.
   */
  static List<String> of(Path jar) throws IOException {
    String replaced = System.getProperty("httpload.serverOptions");
    if (replaced != null) {
      return replaced.isBlank() ? List.of() : List.of(replaced.strip().split("\\s+"));
    }
    Path target = jar.toAbsolutePath().getParent();
    Path module = target == null ? null : target.getParent();
    Path file = module == null ? null : module.resolve("jvm.options");
    if (file == null || !Files.isRegularFile(file)) {
      return List.of();
    }
    // One option per line; '#' starts a comment, blank lines are skipped, as in the launcher.
    return Files.readAllLines(file).stream()
        .map(line -> line.replaceFirst("#.*", "").strip())
        .filter(line -> !line.isEmpty())
        .toList();
  }
}
