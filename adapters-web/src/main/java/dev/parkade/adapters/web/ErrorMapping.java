package dev.parkade.adapters.web;

import dev.parkade.domain.InvalidValueException;
import dev.parkade.domain.ParkingException;
import dev.parkade.domain.StorageUnavailableException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
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
          send(
              ctx,
              Problem.of(
                  503,
                  "STORAGE_UNAVAILABLE",
                  "Storage unavailable",
                  "The parking storage is unavailable; try again later"));
        });
    routes.exception(HttpResponseException.class, (e, ctx) -> send(ctx, fromJavalin(e)));
    routes.exception(
        Exception.class,
        (e, ctx) -> {
          LOG.error("unexpected failure on {} {}", ctx.method(), ctx.path(), e);
          send(
              ctx,
              Problem.of(
                  500, "INTERNAL_ERROR", "Internal error", "The server failed unexpectedly"));
        });
  }

  /** Javalin's own refusals: no route, wrong method, body too large. */
  private static Problem fromJavalin(HttpResponseException e) {
    return switch (e.getStatus()) {
      case 404 -> Problem.of(404, "NOT_FOUND", "Not found", String.valueOf(e.getMessage()));
      case 405 ->
          Problem.of(
              405, "METHOD_NOT_ALLOWED", "Method not allowed", String.valueOf(e.getMessage()));
      case 413 ->
          Problem.of(
              413,
              "PAYLOAD_TOO_LARGE",
              "Payload too large",
              "The request body is larger than 64 KiB");
      default ->
          e.getStatus() < 500
              ? new Problem(
                  Problem.invalidRequest("").type(),
                  "Invalid request",
                  e.getStatus(),
                  "INVALID_REQUEST",
                  String.valueOf(e.getMessage()))
              : Problem.of(
                  e.getStatus(),
                  "INTERNAL_ERROR",
                  "Internal error",
                  "The server failed unexpectedly");
    };
  }

  static void send(Context ctx, Problem problem) {
    ctx.status(problem.status()).result(Json.write(problem));
    ctx.header("Content-Type", Problem.CONTENT_TYPE);
  }
}
