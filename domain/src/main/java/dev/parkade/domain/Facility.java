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
    Identifiers.requireLength("name", name, MAX_NAME_LENGTH);
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(address, "address");
    address.ifPresent(text -> Identifiers.requireLength("address", text, MAX_ADDRESS_LENGTH));
  }
}
