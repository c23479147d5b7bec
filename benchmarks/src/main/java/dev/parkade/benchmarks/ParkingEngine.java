package dev.parkade.benchmarks;

import dev.parkade.domain.LicensePlate;
import dev.parkade.domain.SpotId;
import dev.parkade.domain.UserId;
import java.util.List;

/**
 * The contract every design under benchmark keeps: one active session per user, per plate and per
 * spot, with the same refusals. Outcomes are codes, not exceptions, so that no design pays for
 * another's error handling.
 */
public interface ParkingEngine {
  enum Outcome {
    PARKED,
    ENDED,
    USER_HAS_ACTIVE_SESSION,
    VEHICLE_ALREADY_PARKED,
    NO_SPOTS_AVAILABLE,
    NO_ACTIVE_SESSION
  }

  void addSpots(List<SpotId> spots);

  /**
   * Parks {@code users[i]} with {@code plates[i]} before measuring, as the design's own starts
   * would leave the lot. By those starts, unless a design overrides it not to pay a scan per filler
   * (quadratic for a scanning design).
   */
  default void prefill(List<UserId> users, List<LicensePlate> plates) {
    for (int i = 0; i < users.size(); i++) {
      start(users.get(i), plates.get(i));
    }
  }

  Outcome start(UserId user, LicensePlate plate);

  Outcome end(UserId user);

  long freeCount();

  List<SpotId> firstFree(int limit);
}
