package dev.parkade.bootstrap;

import dev.parkade.domain.ParkingException;
import dev.parkade.domain.ParkingFailure;
import dev.parkade.domain.port.LotImport;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code parkade import --file lot.csv}: creates the facilities and spots of a CSV in one
 * transaction, into the storage {@code serve} would use with the same flags.
 */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = {
      "Create facilities and spots from a CSV (header "
          + LotFile.HEADER
          + ", features separated"
          + " by |), all in one transaction: a bad line is named by its number and nothing is"
          + " created. A facility the file names that does not exist is created, named by its id."
    })
final class ImportCommand implements Callable<Integer> {
  @Mixin StorageOptions storage = new StorageOptions();

  @Option(names = "--file", required = true, description = "the CSV to import")
  Path file = Path.of("lot.csv");

  @Override
  public Integer call() {
    ServerSettings settings = storage.settings();
    if (!settings.storage().hasDatabase()) {
      throw new ConfigurationException(
          "--storage", settings.storage().flagValue() + " keeps nothing to import into");
    }
    List<LotFile.Line> lines = LotFile.read(file); // every line checked before storage opens
    List<LotImport.NewSpot> spots =
        lines.stream()
            .map(line -> new LotImport.NewSpot(line.facility(), line.spot(), line.features()))
            .toList();
    try (Storage opened = StorageComponent.create(settings).storage()) {
      LotImport.Imported imported =
          opened.lotImport().orElseThrow(IllegalStateException::new).load(spots);
      System.out.println(
          "imported "
              + imported.spots()
              + " spots; facilities created: "
              + (imported.facilitiesCreated().isEmpty()
                  ? "none"
                  : imported.facilitiesCreated().stream()
                      .map(Object::toString)
                      .collect(Collectors.joining(", "))));
      return 0;
    } catch (ParkingException e) {
      if (e.failure() != ParkingFailure.SPOT_EXISTS) {
        throw e;
      }
      Map<String, LotFile.Line> bySpot =
          lines.stream().collect(Collectors.toMap(l -> l.spot().value(), Function.identity()));
      String where = e.subject().map(bySpot::get).map(line -> " line " + line.number()).orElse("");
      String which = e.subject().map(spot -> "spot_id " + spot).orElse("a spot");
      throw new ConfigurationException(
          "--file",
          file.getFileName() + where + ": " + which + " already exists; nothing was imported");
    }
  }
}
