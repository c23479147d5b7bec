package dev.parkade.benchmarks;

import dev.parkade.adapters.inmemory.InMemoryParkingLot;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Locale;

/**
 * Live heap of the in-memory engine holding 1,000,000 spots and 500,000 active sessions, measured
 * after full collections, against the same JVM's heap before the lot exists: first today's untyped
 * lot (one facility, plain spots, no needs), then, in the same JVM once that lot is gone, the same
 * numbers in 20 facilities with the features of {@link TypedLots} (each class half full, its
 * sessions needing the class's features).
 */
public final class MemoryFootprint {
  private static final int FACILITIES = 20;

  private MemoryFootprint() {}

  public static void main(String[] args) {
    int spots = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int sessions = args.length > 1 ? Integer.parseInt(args[1]) : 500_000;
    System.out.println(
        "| lot | live heap MB | bytes per spot | bytes per session | JVM before, MB |");
    System.out.println("| --- | ---: | ---: | ---: | ---: |");
    double untyped = untyped(spots, sessions);
    double typed = typed(spots, sessions);
    System.out.printf(
        Locale.ROOT, "%ntyped / untyped live heap: %.3f (limit 256 MB)%n", typed / untyped);
  }

  private static double untyped(int spots, int sessions) {
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
    return print(
        String.format(Locale.ROOT, "untyped: %,d spots, 1 facility, %,d sessions", spots, sessions),
        before,
        withSpots,
        withSessions,
        spots,
        sessions);
  }

  private static double typed(int spots, int sessions) {
    int perFacility = spots / FACILITIES;
    double share = sessions / (double) spots;
    long before = liveHeap();
    InMemoryParkingLot lot = new InMemoryParkingLot();
    TypedLots.addSpots(lot, FACILITIES, perFacility, true);
    long withSpots = liveHeap();
    TypedLots.fill(lot, FACILITIES, perFacility, true, share);
    long withSessions = liveHeap();
    long held = lot.occupancy().total() - lot.occupancy().free();
    if (lot.occupancy().total() != spots || Math.abs(held - sessions) > 3L * FACILITIES) {
      throw new IllegalStateException("typed lot did not fill: " + lot.occupancy());
    }
    return print(
        String.format(
            Locale.ROOT,
            "typed: %,d spots, %d facilities (10%% EV, 5%% accessible), %,d sessions",
            spots,
            FACILITIES,
            held),
        before,
        withSpots,
        withSessions,
        spots,
        held);
  }

  private static double print(
      String what, long before, long withSpots, long withSessions, long spots, long sessions) {
    double mb = (withSessions - before) / 1e6;
    System.out.printf(
        Locale.ROOT,
        "| %s | %.1f | %.0f | %.0f | %.1f |%n",
        what,
        mb,
        (withSpots - before) / (double) spots,
        (withSessions - withSpots) / (double) sessions,
        before / 1e6);
    return mb;
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
