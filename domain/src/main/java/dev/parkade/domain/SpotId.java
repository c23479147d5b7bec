package dev.parkade.domain;

/** A parking spot: 1 to 32 characters of {@code A-Z a-z 0-9 - _ .}, compared as written. */
public record SpotId(String value) implements Comparable<SpotId> {
  public static final int MAX_LENGTH = 32;

  public SpotId {
    Identifiers.require("spotId", value, MAX_LENGTH, Identifiers.ID_PUNCTUATION);
  }

  /** Spots are listed and paged in this order, the same in every adapter. */
  @Override
  public int compareTo(SpotId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
