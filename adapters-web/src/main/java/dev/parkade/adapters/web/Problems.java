package dev.parkade.adapters.web;

import dev.parkade.application.IdempotencyFailure;
import dev.parkade.domain.InvalidValueException;
import dev.parkade.domain.ParkingFailure;
import io.javalin.http.Context;
import java.util.Locale;

/**
 * The catalogue of every problem the API answers: each code with its status, title and detail, in
 * this one class. {@link ErrorMapping} decides which one a failure gets; nothing else makes one.
 */
final class Problems {
  private Problems() {}

  /** A domain refusal: its code, its contract status and the contract's sentence. */
  static Problem of(ParkingFailure failure) {
    return problem(statusOf(failure), failure.code(), failure.message(), failure.message());
  }

  static int statusOf(ParkingFailure failure) {
    return switch (failure) {
      case NO_ACTIVE_SESSION, SESSION_NOT_FOUND, SPOT_NOT_FOUND, FACILITY_NOT_FOUND -> 404;
      case USER_HAS_ACTIVE_SESSION,
          VEHICLE_ALREADY_PARKED,
          NO_SPOTS_AVAILABLE,
          SESSION_ALREADY_ENDED,
          SPOT_EXISTS,
          SPOT_OCCUPIED,
          FACILITY_EXISTS,
          FACILITY_NOT_EMPTY ->
          409;
    };
  }

  /**
   * A keyed write that neither ran nor replayed: 409 while the first request with the key is still
   * running (retry it), 422 when the key was used for another request (use a new key).
   */
  static Problem of(IdempotencyFailure failure) {
    return switch (failure) {
      case IN_PROGRESS ->
          problem(
              409,
              failure.code(),
              "Idempotency key in progress",
              "A request with this Idempotency-Key is still being processed; retry it shortly");
      case REUSED ->
          problem(
              422,
              failure.code(),
              "Idempotency key reused",
              "This Idempotency-Key was already used for a request with another method, path or"
                  + " body; send this request with a new key");
    };
  }

  static Problem rejected(RequestRejected rejected) {
    return invalidRequest(rejected.detail());
  }

  /** A value the domain refused where the request gave it whole: a path segment, a cursor. */
  static Problem rejected(InvalidValueException refused) {
    return invalidRequest(String.valueOf(refused.getMessage()));
  }

  /** The body could not be read off the connection; its cause may name the server's classes. */
  static Problem bodyUnreadable() {
    return invalidRequest("the request body could not be read");
  }

  static Problem unauthenticated(Tokens.Unauthenticated e) {
    return problem(401, "UNAUTHENTICATED", "Unauthenticated", String.valueOf(e.getMessage()));
  }

  static Problem forbidden(Forbidden e) {
    return problem(403, "FORBIDDEN", "Forbidden", String.valueOf(e.getMessage()));
  }

  /** Storage failed under a request. */
  static Problem storageUnavailable() {
    return storageUnavailable("The parking storage is unavailable; try again later");
  }

  /** Storage does not answer the readiness check. */
  static Problem storageNotAnswering() {
    return storageUnavailable("Storage does not answer");
  }

  private static Problem storageUnavailable(String detail) {
    return problem(503, "STORAGE_UNAVAILABLE", "Storage unavailable", detail);
  }

  static Problem internalError() {
    return problem(500, "INTERNAL_ERROR", "Internal error", "The server failed unexpectedly");
  }

  /**
   * The problem for a status that Javalin or Jetty chose: no route, wrong method, body too large,
   * or a request they could not parse; {@code detail} says what was wrong.
   */
  static Problem forStatus(int status, String detail) {
    return switch (status) {
      case 404 -> problem(404, "NOT_FOUND", "Not found", detail);
      case 405 -> problem(405, "METHOD_NOT_ALLOWED", "Method not allowed", detail);
      case 408 -> problem(408, "REQUEST_TIMEOUT", "Request timeout", detail);
      case 413 ->
          problem(
              413,
              "PAYLOAD_TOO_LARGE",
              "Payload too large",
              "The request body is larger than " + ParkadeApi.MAX_BODY_BYTES / 1024 + " KiB");
      default -> status < 500 ? invalid(status, detail) : internalError();
    };
  }

  private static Problem invalidRequest(String detail) {
    return invalid(400, detail);
  }

  /** Any other client error keeps its status but shares the type of a 400. */
  private static Problem invalid(int status, String detail) {
    return problem(status, "INVALID_REQUEST", "Invalid request", detail);
  }

  private static Problem problem(int status, String code, String title, String detail) {
    return new Problem(
        "https://parkade.dev/problems/" + code.toLowerCase(Locale.ROOT).replace('_', '-'),
        title,
        status,
        code,
        detail);
  }

  static void send(Context ctx, Problem problem) {
    ctx.status(problem.status()).result(json(problem));
    ctx.header("Content-Type", Problem.CONTENT_TYPE);
  }

  static String json(Problem problem) {
    return Json.write(problem);
  }
}
