package dev.parkade.application;

import dev.parkade.domain.InvalidValueException;

/** The bounds of the product contract on page sizes and batch sizes. */
public final class Limits {
  public static final int DEFAULT_FREE_SPOTS = 1000;
  public static final int MAX_FREE_SPOTS = 100_000;
  public static final int DEFAULT_SPOTS_PAGE = 1000;
  public static final int MAX_SPOTS_PAGE = 100_000;
  public static final int DEFAULT_SESSIONS_PAGE = 100;
  public static final int MAX_SESSIONS_PAGE = 1000;
  public static final int MAX_SPOTS_PER_ADD = 10_000;

  private Limits() {}

  static int require(String field, int value, int max) {
    if (value < 1 || value > max) {
      throw new InvalidValueException(field, "must be between 1 and " + max + ", was " + value);
    }
    return value;
  }
}
