package dev.parkade.application;

/**
 * Why a keyed write was answered without running and without its stored outcome. Not a {@link
 * dev.parkade.domain.ParkingFailure}: it is about the key, never an outcome, so it is never stored.
 */
public enum IdempotencyFailure {
  /** The first request with the key is still inside its change; retry shortly. */
  IN_PROGRESS(
      "IDEMPOTENCY_KEY_IN_PROGRESS", "A request with this Idempotency-Key is still in progress"),
  /** The key holds the outcome of another request (another method, path or body). */
  REUSED(
      "IDEMPOTENCY_KEY_REUSED",
      "This Idempotency-Key was used for a different request (method, path or body)");

  private final String code;
  private final String message;

  IdempotencyFailure(String code, String message) {
    this.code = code;
    this.message = message;
  }

  /** The stable code clients match on. */
  public String code() {
    return code;
  }

  /** A sentence for people. */
  public String message() {
    return message;
  }
}
