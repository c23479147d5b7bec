package dev.parkade.adapters.web;

import dev.parkade.domain.InvalidValueException;
import dev.parkade.domain.ParkingException;
import dev.parkade.domain.StorageUnavailableException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.io.IOException;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.eclipse.jetty.http.HttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every failure a request can meet, mapped to problem+json in this one place: domain refusals to
 * their contract status, bad input to 400 naming the field, identity to 401/403, a storage fault to
 * 503, and anything unforeseen to a 500 that tells the client nothing of the server's insides.
 */
final class ErrorMapping {
  private static final Logger LOG = LoggerFactory.getLogger(ErrorMapping.class);

  private ErrorMapping() {}

  static void register(RoutesConfig routes, ApiMetrics metrics) {
    routes.exception(ParkingException.class, (e, ctx) -> send(ctx, Problem.of(e.failure())));
    routes.exception(
        InvalidValueException.class,
        (e, ctx) -> send(ctx, Problem.invalidRequest(String.valueOf(e.getMessage()))));
    routes.exception(
        Json.BadRequest.class,
        (e, ctx) -> send(ctx, Problem.invalidRequest(String.valueOf(e.getMessage()))));
    routes.exception(
        BodyReader.TimedOut.class,
        (e, ctx) -> send(ctx, forStatus(408, String.valueOf(e.getMessage()))));
    routes.exception(
        Tokens.Unauthenticated.class,
        (e, ctx) -> {
          ctx.header("WWW-Authenticate", "Bearer");
          send(
              ctx,
              Problem.of(
                  401, "UNAUTHENTICATED", "Unauthenticated", String.valueOf(e.getMessage())));
        });
    routes.exception(
        Forbidden.class,
        (e, ctx) ->
            send(ctx, Problem.of(403, "FORBIDDEN", "Forbidden", String.valueOf(e.getMessage()))));
    routes.exception(
        StorageUnavailableException.class,
        (e, ctx) -> {
          metrics.storageError();
          LOG.warn("storage unavailable on {} {}: {}", ctx.method(), ctx.path(), e.getMessage());
          send(ctx, storageUnavailable("The parking storage is unavailable; try again later"));
        });
    routes.exception(
        HttpResponseException.class,
        (e, ctx) -> {
          if (e.getStatus() == 405) {
            allowedMethods(e).ifPresent(methods -> ctx.header("Allow", methods));
          }
          send(ctx, forStatus(e.getStatus(), String.valueOf(e.getMessage())));
        });
    routes.exception(
        Exception.class,
        (e, ctx) -> {
          if (e instanceof HttpException jetty && jetty.getCode() < 500) {
            // Jetty's refusal of what the client sent, met while reading the body: one cut short,
            // a chunk of bad size. The client's mistake, not the server's failure.
            send(ctx, forStatus(jetty.getCode(), "the request could not be read: " + reason(e)));
            return;
          }
          if (e instanceof IOException) {
            // The only input a handler reads is the request body, so this is the client's
            // connection failing while sending it (a timeout is BodyReader.TimedOut).
            // Its message may name the server's classes (a wrapped cause), so it is not sent.
            send(ctx, Problem.invalidRequest("the request body could not be read"));
            return;
          }
          LOG.error("unexpected failure on {} {}", ctx.method(), ctx.path(), e);
          send(
              ctx,
              Problem.of(
                  500, "INTERNAL_ERROR", "Internal error", "The server failed unexpectedly"));
        });
  }

  /** The methods a 405's path takes, which HTTP asks the response to list in {@code Allow}. */
  private static Optional<String> allowedMethods(HttpResponseException e) {
    // Javalin names them one way for a browser and another for anything else.
    return Stream.of("availableMethods", "Available methods")
        .map(e.getDetails()::get)
        .filter(Objects::nonNull)
        .findFirst();
  }

  private static String reason(Exception e) {
    String reason = e instanceof HttpException jetty ? jetty.getReason() : null;
    return reason != null ? reason : String.valueOf(e.getMessage());
  }

  /** Storage does not answer: a 503, whether a request or the readiness check found it so. */
  static Problem storageUnavailable(String detail) {
    return Problem.of(503, "STORAGE_UNAVAILABLE", "Storage unavailable", detail);
  }

  /**
   * The problem for a status that Javalin or Jetty chose: no route, wrong method, body too large,
   * or a request they could not parse; {@code detail} says what was wrong.
   */
  static Problem forStatus(int status, String detail) {
    return switch (status) {
      case 404 -> Problem.of(404, "NOT_FOUND", "Not found", detail);
      case 405 -> Problem.of(405, "METHOD_NOT_ALLOWED", "Method not allowed", detail);
      case 408 -> Problem.of(408, "REQUEST_TIMEOUT", "Request timeout", detail);
      case 413 ->
          Problem.of(
              413,
              "PAYLOAD_TOO_LARGE",
              "Payload too large",
              "The request body is larger than " + ParkadeApi.MAX_BODY_BYTES / 1024 + " KiB");
      default ->
          status < 500
              ? new Problem(
                  Problem.invalidRequest("").type(),
                  "Invalid request",
                  status,
                  "INVALID_REQUEST",
                  detail)
              : Problem.of(
                  status, "INTERNAL_ERROR", "Internal error", "The server failed unexpectedly");
    };
  }

  static void send(Context ctx, Problem problem) {
    ctx.status(problem.status()).result(Json.write(problem));
    ctx.header("Content-Type", Problem.CONTENT_TYPE);
  }
}
