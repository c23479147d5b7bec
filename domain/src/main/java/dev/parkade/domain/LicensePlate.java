package dev.parkade.domain;

import java.util.Locale;

/**
 * A vehicle's plate, normalised so that one vehicle has one spelling: after trimming, 1 to 16
 * characters of {@code A-Z 0-9 -} and space (either case); stored upper-cased with the spaces
 * removed, so {@code "ab 123"} and {@code "AB123"} are the same vehicle.
 */
public record LicensePlate(String value) {
  public static final int MAX_LENGTH = 16;

  public LicensePlate {
    value = normalise(value);
  }

  private static String normalise(String raw) {
    if (raw == null) {
      throw new InvalidValueException("plate", "is required");
    }
    String trimmed = raw.strip();
    int length = trimmed.length();
    if (length == 0 || length > MAX_LENGTH) {
      throw new InvalidValueException(
          "plate", "must be 1 to " + MAX_LENGTH + " characters long after trimming, was " + length);
    }
    StringBuilder normalised = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      char c = trimmed.charAt(i);
      if (c == ' ') {
        continue;
      }
      if (!Identifiers.isAsciiLetterOrDigit(c) && c != '-') {
        throw new InvalidValueException(
            "plate",
            "may only contain A-Z, 0-9, '-' and spaces, found '"
                + Identifiers.printable(c)
                + "' at position "
                + (i + 1));
      }
      normalised.append(c);
    }
    return normalised.toString().toUpperCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return value;
  }
}
