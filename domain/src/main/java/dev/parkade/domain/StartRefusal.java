package dev.parkade.domain;

import java.util.Optional;

/**
 * Why a start is refused, in the order the product contract fixes: the user, then the vehicle, then
 * the facility, then the spots. Every storage finds these facts its own way and atomically (an
 * index, a query, a lost race on a unique key); the order in which they refuse is decided here
 * alone, so that a client gets the same refusal whichever storage serves it.
 *
 * <p>The facility comes after the user and the vehicle, beside the spots, because that is where
 * every storage looks at it: in the step that looks for a fitting free spot (the facility's free
 * index in memory, the claim's snapshot on PostgreSQL, after the claim found nothing on H2). A
 * facility is deleted only while it has no spots, so a start that finds its facility missing would
 * have found no spot either: the refusal says why.
 */
public final class StartRefusal {
  private static final Optional<ParkingFailure> USER_BUSY =
      Optional.of(ParkingFailure.USER_HAS_ACTIVE_SESSION);
  private static final Optional<ParkingFailure> PLATE_BUSY =
      Optional.of(ParkingFailure.VEHICLE_ALREADY_PARKED);
  private static final Optional<ParkingFailure> NO_FACILITY =
      Optional.of(ParkingFailure.FACILITY_NOT_FOUND);
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
   * @param facilityMissing the facility the start names does not exist
   * @param noSpotFits the start found no free spot that fits its needs ({@link BestFit})
   */
  public static Optional<ParkingFailure> of(
      boolean userActive, boolean plateActive, boolean facilityMissing, boolean noSpotFits) {
    if (userActive) {
      return USER_BUSY;
    }
    if (plateActive) {
      return PLATE_BUSY;
    }
    if (facilityMissing) {
      return NO_FACILITY;
    }
    return noSpotFits ? LOT_FULL : Optional.empty();
  }

  /** {@link #of(boolean, boolean, boolean, boolean)} for a start whose facility exists. */
  public static Optional<ParkingFailure> of(
      boolean userActive, boolean plateActive, boolean noSpotFree) {
    return of(userActive, plateActive, false, noSpotFree);
  }

  /**
   * Throws the refusal {@link #of(boolean, boolean, boolean, boolean)} names, if any.
   *
   * @throws ParkingException when the start is refused
   */
  public static void check(
      boolean userActive, boolean plateActive, boolean facilityMissing, boolean noSpotFits) {
    Optional<ParkingFailure> refusal = of(userActive, plateActive, facilityMissing, noSpotFits);
    if (refusal.isPresent()) {
      throw refusal.get().exception();
    }
  }

  /** {@link #check(boolean, boolean, boolean, boolean)} for a start whose facility exists. */
  public static void check(boolean userActive, boolean plateActive, boolean noSpotFree) {
    check(userActive, plateActive, false, noSpotFree);
  }
}
