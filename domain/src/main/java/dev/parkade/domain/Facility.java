package dev.parkade.domain;

import java.util.Objects;
import java.util.Optional;

/**
 * A car park: an id, a name of 1 to 200 characters, and optionally where it is and its address (1
 * to 500 characters). Its spots and their counts are the storage's.
 */
public record Facility(
    FacilityId id, String name, Optional<Location> location, Optional<String> address) {
  public static final int MAX_NAME_LENGTH = 200;
  public static final int MAX_ADDRESS_LENGTH = 500;

  /** The facility that always exists. */
  public static final Facility DEFAULT =
      new Facility(FacilityId.DEFAULT, "Default", Optional.empty(), Optional.empty());

  public Facility {
    Objects.requireNonNull(id, "id");
    requireText("name", name, MAX_NAME_LENGTH);
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(address, "address");
    address.ifPresent(text -> requireText("address", text, MAX_ADDRESS_LENGTH));
  }

  private static void requireText(String field, String value, int maxLength) {
    if (value == null) {
      throw new InvalidValueException(field, "is required");
    }
    int length = value.length();
    if (length == 0 || length > maxLength) {
      throw new InvalidValueException(
          field, "must be 1 to " + maxLength + " characters long, was " + length);
    }
  }
}
