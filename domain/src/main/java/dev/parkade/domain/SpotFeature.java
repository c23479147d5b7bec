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

  /** This feature's bit in a {@link SpotFeatures#mask()}. */
  public int bit() {
    return bit;
  }
}
