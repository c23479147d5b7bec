package dev.parkade.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parkade.domain.FacilityId;
import dev.parkade.domain.SpotFeature;
import dev.parkade.domain.SpotFeatures;
import dev.parkade.domain.port.FacilityCounts;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code parkade import} on embedded H2: all or nothing, a bad line named by its number. */
class ImportCommandTest {
  @TempDir Path dir;

  private record Outcome(int status, String err) {}

  private Outcome importing(String csv) throws IOException {
    Path file = dir.resolve("lot.csv");
    Files.writeString(file, csv, StandardCharsets.UTF_8);
    StringWriter err = new StringWriter();
    int status =
        Main.run(
            new String[] {
              "import", "--data-dir", dir.resolve("data").toString(), "--file", file.toString()
            },
            new PrintWriter(new StringWriter(), true),
            new PrintWriter(err, true));
    return new Outcome(status, err.toString());
  }

  private Optional<FacilityCounts> counts(String facility) {
    ServerSettings settings =
        new ServerSettings(
            "127.0.0.1",
            0,
            StorageKind.H2,
            dir.resolve("data"),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            0,
            false,
            ServerSettings.DEFAULT_IDEMPOTENCY_TTL);
    try (Storage storage = StorageComponent.create(settings).storage()) {
      return storage.spots().counts(new FacilityId(facility));
    }
  }

  private void assertRefused(Outcome outcome, String line) {
    assertEquals(2, outcome.status(), outcome::toString);
    assertEquals(List.of(line), outcome.err().lines().toList());
  }

  @Test
  void aLot_isImportedWhole_withNewFacilitiesAndFeatures() throws IOException {
    Outcome outcome =
        importing(
            LotFile.HEADER
                + "\ndefault,D-1,\nharbour,H-1,EV_CHARGING\nharbour,H-2,EV_CHARGING|WIDE\n"
                + "harbour,H-3,ACCESSIBLE\n");
    assertEquals(0, outcome.status(), outcome::toString);

    FacilityCounts harbour = counts("harbour").orElseThrow();
    assertEquals(3, harbour.all().total());
    assertEquals(2, harbour.having(SpotFeatures.of(SpotFeature.EV_CHARGING)).total());
    assertEquals(1, harbour.of(SpotFeatures.of(SpotFeature.EV_CHARGING, SpotFeature.WIDE)).free());
    assertEquals(1, counts("default").orElseThrow().all().total());
  }

  @Test
  void aBadLine_isNamedByItsNumber_andNothingIsCreated() throws IOException {
    assertRefused(
        importing(LotFile.HEADER + "\nharbour,H-1,EV_CHARGING\nharbour,H-2,TURBO\n"),
        "parkade: --file: lot.csv line 3: features: must be one of EV_CHARGING, ACCESSIBLE, WIDE"
            + " or MOTORCYCLE, was 'TURBO'");
    assertRefused(
        importing(LotFile.HEADER + "\nharbour,H-1\n"),
        "parkade: --file: lot.csv line 2: expected 3 columns (" + LotFile.HEADER + "), found 2");
    assertRefused(
        importing("facility,spot\nharbour,H-1,\n"),
        "parkade: --file: lot.csv line 1: the header must be " + LotFile.HEADER);
    assertRefused(
        importing(LotFile.HEADER + "\nharbour,H-1,\nhar bour,H-2,\n"),
        "parkade: --file: lot.csv line 3: facilityId: may only contain A-Z, a-z, 0-9 and '._-',"
            + " found 'U+0020' at position 4");
    assertRefused(
        importing(LotFile.HEADER + "\nharbour,H-1,\nharbour,H-1,WIDE\n"),
        "parkade: --file: lot.csv line 3: spot_id H-1 is already on line 2");
    assertTrue(Files.notExists(dir.resolve("data")), "a refused file opened the database");
  }

  @Test
  void aSpotThatExists_refusesTheWholeFile() throws IOException {
    assertEquals(0, importing(LotFile.HEADER + "\ndefault,D-1,\n").status());
    assertRefused(
        importing(LotFile.HEADER + "\nharbour,H-1,\nharbour,H-2,\ndefault,D-1,\n"),
        "parkade: --file: lot.csv line 4: spot_id D-1 already exists; nothing was imported");
    assertEquals(Optional.empty(), counts("harbour"));
  }

  @Test
  void memoryStorage_hasNothingToImportInto() throws IOException {
    Path file = dir.resolve("lot.csv");
    Files.writeString(file, LotFile.HEADER + "\ndefault,D-1,\n", StandardCharsets.UTF_8);
    StringWriter err = new StringWriter();
    int status =
        Main.run(
            new String[] {"import", "--storage", "memory", "--file", file.toString()},
            new PrintWriter(new StringWriter(), true),
            new PrintWriter(err, true));
    assertRefused(
        new Outcome(status, err.toString()),
        "parkade: --storage: memory keeps nothing to import into");
  }
}
