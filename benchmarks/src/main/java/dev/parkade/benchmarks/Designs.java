package dev.parkade.benchmarks;

import dev.parkade.domain.LicensePlate;
import dev.parkade.domain.SpotId;
import dev.parkade.domain.UserId;
import java.util.ArrayList;
import java.util.List;

/** The designs under benchmark, by the name JMH's {@code design} parameter uses. */
final class Designs {
  private Designs() {}

  static ParkingEngine create(String design) {
    return switch (design) {
      case "parkade" -> new ParkadeEngine();
      case "global-lock" -> new GlobalLockEngine();
      case "literal-scan" -> new LiteralScanEngine();
      case "lock-free-floor" -> new LockFreeFloorEngine();
      case "record-keeping-floor" -> new RecordKeepingFloorEngine();
      default -> throw new IllegalArgumentException("no design " + design);
    };
  }

  /** A lot of {@code spots} spots, {@code occupancy} of them held by fillers. */
  static ParkingEngine lot(String design, int spots, double occupancy) {
    ParkingEngine engine = create(design);
    List<SpotId> ids = new ArrayList<>(spots);
    for (int i = 0; i < spots; i++) {
      ids.add(new SpotId(String.format("L%07d", i)));
    }
    engine.addSpots(ids);
    int held = (int) Math.round(spots * occupancy);
    List<UserId> users = new ArrayList<>(held);
    List<LicensePlate> plates = new ArrayList<>(held);
    for (int i = 0; i < held; i++) {
      users.add(new UserId("filler-" + i));
      plates.add(new LicensePlate("F" + i));
    }
    engine.prefill(users, plates);
    return engine;
  }
}
