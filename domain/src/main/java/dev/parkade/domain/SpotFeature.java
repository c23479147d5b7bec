package dev.parkade.domain;

/**
 * What a spot offers besides room for a standard car. Each feature has a fixed bit of a {@link
 * SpotFeatures#mask()}, which storage keeps: the bits never change meaning.
 */
public enum SpotFeature {
  EV_CHARGING(1),
  /** Restricted: only a start that needs it gets such a spot ({@link BestFit}). */
  ACCESSIBLE(2),
  /** Family or van width. */
  WIDE(4),
  MOTORCYCLE(8);

  private final int bit;

  SpotFeature(int bit) {
    this.bit = bit;
  }

  /**
   * The feature the contract spells {@code name}, as a request or a file gives it.
   *
   * @throws InvalidValueException naming {@code field} when no feature is spelled so
   */
  public static SpotFeature named(String field, String name) {
    for (SpotFeature feature : values()) {
      if (feature.name().equals(name)) {
        return feature;
      }
    }
    String shown = name.length() > 40 ? name.substring(0, 40) + "…" : name;
    throw new InvalidValueException(
        field, "must be one of EV_CHARGING, ACCESSIBLE, WIDE or MOTORCYCLE, was '" + shown + "'");
  }

  /** This feature's bit in a {@link SpotFeatures#mask()}. */
  public int bit() {
    return bit;
  }
}
