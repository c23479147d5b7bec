package dev.parkade.domain;

import java.util.Optional;

/**
 * Why a start is refused, in the order the product contract fixes: the user, then the vehicle, then
 * the spots. Every storage finds these facts its own way and atomically (an index, a query, a lost
 * race on a unique key); the order in which they refuse is decided here alone, so that a client
 * gets the same refusal whichever storage serves it.
 */
public final class StartRefusal {
  private static final Optional<ParkingFailure> USER_BUSY =
      Optional.of(ParkingFailure.USER_HAS_ACTIVE_SESSION);
  private static final Optional<ParkingFailure> PLATE_BUSY =
      Optional.of(ParkingFailure.VEHICLE_ALREADY_PARKED);
  private static final Optional<ParkingFailure> LOT_FULL =
      Optional.of(ParkingFailure.NO_SPOTS_AVAILABLE);

  private StartRefusal() {}

  /**
   * The failure that refuses a start, given what its writer found; empty when nothing found refuses
   * it. A writer may stop looking at the first fact that refuses: it passes what it did not look at
   * as {@code false}, and an earlier fact wins over any later one.
   *
   * @param userActive the user has an active session
   * @param plateActive the plate has an active session
   * @param noSpotFree the start found no free spot to claim
   */
  public static Optional<ParkingFailure> of(
      boolean userActive, boolean plateActive, boolean noSpotFree) {
    if (userActive) {
      return USER_BUSY;
    }
    if (plateActive) {
      return PLATE_BUSY;
    }
    return noSpotFree ? LOT_FULL : Optional.empty();
  }

  /**
   * Throws the refusal {@link #of} names, if any.
   *
   * @throws ParkingException when the start is refused
   */
  public static void check(boolean userActive, boolean plateActive, boolean noSpotFree) {
    Optional<ParkingFailure> refusal = of(userActive, plateActive, noSpotFree);
    if (refusal.isPresent()) {
      throw refusal.get().exception();
    }
  }
}
