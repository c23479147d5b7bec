package dev.parkade.adapters.web;

import dev.parkade.domain.ParkingFailure;
import java.util.Locale;

/**
 * An RFC 9457 problem detail, the body of every error. {@code code} is stable and for machines,
 * {@code detail} is for people.
 */
public record Problem(String type, String title, int status, String code, String detail) {
  public static final String CONTENT_TYPE = "application/problem+json";

  public static Problem of(int status, String code, String title, String detail) {
    return new Problem(
        "https://parkade.dev/problems/" + code.toLowerCase(Locale.ROOT).replace('_', '-'),
        title,
        status,
        code,
        detail);
  }

  /** A domain refusal: its code and the contract's sentence. */
  public static Problem of(ParkingFailure failure) {
    return of(statusOf(failure), failure.code(), failure.message(), failure.message());
  }

  static int statusOf(ParkingFailure failure) {
    return switch (failure) {
      case NO_ACTIVE_SESSION, SESSION_NOT_FOUND, SPOT_NOT_FOUND -> 404;
      case USER_HAS_ACTIVE_SESSION,
          VEHICLE_ALREADY_PARKED,
          NO_SPOTS_AVAILABLE,
          SESSION_ALREADY_ENDED,
          SPOT_EXISTS,
          SPOT_OCCUPIED ->
          409;
    };
  }

  public static Problem invalidRequest(String detail) {
    return of(400, "INVALID_REQUEST", "Invalid request", detail);
  }
}
