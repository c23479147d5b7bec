package dev.parkade.bootstrap;

import dev.parkade.domain.FacilityId;
import dev.parkade.domain.InvalidValueException;
import dev.parkade.domain.SpotFeature;
import dev.parkade.domain.SpotFeatures;
import dev.parkade.domain.SpotId;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The CSV that {@code parkade import} reads: the header {@code facility_id,spot_id,features}, then
 * one spot a line, its features separated by {@code |} (none for a standard spot). Ids and feature
 * names contain no comma or quote, so a line is its three fields split at the commas. Every line is
 * checked before anything is imported; the first bad one is named by its number.
 */
final class LotFile {
  static final String HEADER = "facility_id,spot_id,features";

  /** One spot of the file, and the line it came from. */
  record Line(int number, FacilityId facility, SpotId spot, SpotFeatures features) {}

  private LotFile() {}

  /**
   * @throws ConfigurationException naming {@code --file}, the line and what is wrong with it
   */
  static List<Line> read(Path file) {
    List<Line> lines = new ArrayList<>();
    Map<SpotId, Integer> seen = new HashMap<>();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String header = in.readLine();
      if (header == null || !header.strip().equals(HEADER)) {
        throw bad(file, 1, "the header must be " + HEADER);
      }
      int number = 1;
      for (String text = in.readLine(); text != null; text = in.readLine()) {
        number++;
        if (text.isBlank()) {
          continue;
        }
        Line line = parse(file, number, text);
        Integer earlier = seen.putIfAbsent(line.spot(), number);
        if (earlier != null) {
          throw bad(file, number, "spot_id " + line.spot() + " is already on line " + earlier);
        }
        lines.add(line);
      }
    } catch (NoSuchFileException e) {
      throw new ConfigurationException("--file", file + " does not exist");
    } catch (CharacterCodingException e) {
      throw new ConfigurationException("--file", file + " is not UTF-8 text");
    } catch (IOException e) {
      throw new ConfigurationException("--file", file + " cannot be read: " + e.getMessage());
    }
    if (lines.isEmpty()) {
      throw new ConfigurationException("--file", file + " has no spot after its header");
    }
    return lines;
  }

  private static Line parse(Path file, int number, String text) {
    String[] fields = text.strip().split(",", -1);
    if (fields.length != 3) {
      throw bad(file, number, "expected 3 columns (" + HEADER + "), found " + fields.length);
    }
    try {
      return new Line(
          number, new FacilityId(fields[0]), new SpotId(fields[1]), features(fields[2]));
    } catch (InvalidValueException e) {
      throw bad(file, number, String.valueOf(e.getMessage()));
    }
  }

  private static SpotFeatures features(String field) {
    EnumSet<SpotFeature> features = EnumSet.noneOf(SpotFeature.class);
    if (field.isEmpty()) {
      return SpotFeatures.NONE;
    }
    for (String name : field.split("\\|", -1)) {
      features.add(SpotFeature.named("features", name));
    }
    return SpotFeatures.of(features);
  }

  private static ConfigurationException bad(Path file, int line, String problem) {
    return new ConfigurationException(
        "--file", file.getFileName() + " line " + line + ": " + problem);
  }
}
