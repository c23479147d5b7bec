package dev.parkade.domain;

/**
 * A facility (a car park): 1 to 32 characters of {@code A-Z a-z 0-9 - _ .}, compared as written.
 */
public record FacilityId(String value) implements Comparable<FacilityId> {
  public static final int MAX_LENGTH = 32;

  /** The facility of every spot created without one, and of every spot older than facilities. */
  public static final FacilityId DEFAULT = new FacilityId("default");

  public FacilityId {
    Identifiers.require("facilityId", value, MAX_LENGTH, Identifiers.ID_PUNCTUATION);
  }

  /** Facilities are listed in this order, the same in every adapter. */
  @Override
  public int compareTo(FacilityId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
