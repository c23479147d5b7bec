package dev.parkade.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Locale;

/**
 * Live heap of the in-memory engine holding 1,000,000 spots and 500,000 active sessions, measured
 * after full collections, against the same JVM's heap before the lot exists.
 */
public final class MemoryFootprint {
  private MemoryFootprint() {}

  public static void main(String[] args) {
    int spots = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int sessions = args.length > 1 ? Integer.parseInt(args[1]) : 500_000;
    long before = liveHeap();
    ParkingEngine lot = Designs.lot("parkade", spots, 0);
    long withSpots = liveHeap();
    for (int i = 0; i < sessions; i++) {
      lot.start(
          new dev.parkade.domain.UserId("user-" + i), new dev.parkade.domain.LicensePlate("P" + i));
    }
    long withSessions = liveHeap();
    if (lot.freeCount() != spots - sessions) {
      throw new IllegalStateException("lot did not fill: " + lot.freeCount() + " free");
    }
    double spotBytes = (withSpots - before) / (double) spots;
    double sessionBytes = (withSessions - withSpots) / (double) sessions;
    System.out.printf(
        Locale.ROOT,
        "live heap: %.1f MB for %,d spots and %,d active sessions (%.0f bytes per spot, %.0f per"
            + " session; baseline JVM %.1f MB)%n",
        (withSessions - before) / 1e6,
        spots,
        sessions,
        spotBytes,
        sessionBytes,
        before / 1e6);
  }

  /** Heap in use after the collector has had every chance to free what is dead. */
  private static long liveHeap() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      System.gc();
      used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
    }
    return used;
  }
}
