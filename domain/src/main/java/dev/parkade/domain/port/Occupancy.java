package dev.parkade.domain.port;

/** How many spots the lot has and how many of them are free, read at one instant. */
public record Occupancy(long total, long free) {
  public Occupancy {
    if (free < 0 || free > total) {
      throw new IllegalArgumentException("free " + free + " outside 0.." + total);
    }
  }

  public long occupied() {
    return total - free;
  }
}
