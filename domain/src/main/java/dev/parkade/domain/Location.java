package dev.parkade.domain;

/** Where a facility is, in degrees: latitude -90 to 90, longitude -180 to 180. */
public record Location(double lat, double lon) {
  public Location {
    requireWithin("location.lat", lat, 90);
    requireWithin("location.lon", lon, 180);
  }

  private static void requireWithin(String field, double value, double bound) {
    if (!(value >= -bound && value <= bound)) { // also refuses NaN
      throw new InvalidValueException(
          field, "must be between -" + (int) bound + " and " + (int) bound + ", was " + value);
    }
  }
}
