package dev.parkade.domain;

/**
 * Every way a parking operation can be refused. The name is the stable machine-readable code of the
 * product contract; the message is the exact sentence of the contract.
 */
public enum ParkingFailure {
  USER_HAS_ACTIVE_SESSION("User already has an active parking session"),
  VEHICLE_ALREADY_PARKED("Vehicle already has an active parking session"),
  NO_SPOTS_AVAILABLE("No parking spots available"),
  NO_ACTIVE_SESSION("No active parking session"),
  SESSION_NOT_FOUND("Parking session not found"),
  SESSION_ALREADY_ENDED("Parking session has already ended"),
  SPOT_EXISTS("Parking spot already exists"),
  SPOT_NOT_FOUND("Parking spot not found"),
  SPOT_OCCUPIED("Parking spot is occupied"),
  FACILITY_NOT_FOUND("Facility not found"),
  FACILITY_EXISTS("Facility already exists"),
  FACILITY_NOT_EMPTY("Facility still has spots");

  private final String message;

  ParkingFailure(String message) {
    this.message = message;
  }

  /** The stable code clients match on. */
  public String code() {
    return name();
  }

  /** The sentence of the product contract, word for word. */
  public String message() {
    return message;
  }

  public ParkingException exception() {
    return new ParkingException(this);
  }
}
