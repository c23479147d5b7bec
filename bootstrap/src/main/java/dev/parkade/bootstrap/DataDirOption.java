package dev.parkade.bootstrap;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --data-dir}: the embedded H2 database and the generated token secret, for every command.
 */
final class DataDirOption {
  @Option(
      names = "--data-dir",
      defaultValue = "${env:PARKADE_DATA_DIR:-./parkade-data}",
      description =
          "embedded H2 database and generated token secret (env PARKADE_DATA_DIR; default ${DEFAULT-VALUE})")
  Path path = Path.of("parkade-data");

  /** The directory given; an empty one (PARKADE_DATA_DIR=) is refused, not taken as here. */
  Path path() {
    if (path.toString().isBlank()) {
      throw new ConfigurationException("--data-dir", "must not be empty (env PARKADE_DATA_DIR)");
    }
    return path;
  }
}
