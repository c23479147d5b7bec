package dev.parkade.adapters.web;

import dev.parkade.application.IdempotencyException;
import dev.parkade.domain.InvalidValueException;
import dev.parkade.domain.ParkingException;
import dev.parkade.domain.StorageUnavailableException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.HttpResponseException;
import java.io.IOException;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.eclipse.jetty.http.HttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which problem of the catalogue ({@link Problems}) each failure a request can meet gets: domain
 * refusals their contract status, a key in progress or reused 409 or 422, bad input a 400 naming
 * the field, identity 401/403, a storage fault 503, and anything unforeseen a 500 that tells the
 * client nothing of the server's insides.
 */
final class ErrorMapping {
  private static final Logger LOG = LoggerFactory.getLogger(ErrorMapping.class);

  private ErrorMapping() {}

  static void register(RoutesConfig routes, ApiMetrics metrics) {
    routes.exception(
        ParkingException.class, (e, ctx) -> Problems.send(ctx, Problems.of(e.failure())));
    routes.exception(
        InvalidValueException.class, (e, ctx) -> Problems.send(ctx, Problems.rejected(e)));
    routes.exception(
        IdempotencyException.class,
        (e, ctx) -> {
          metrics.idempotencyConflict(RequestLog.route(ctx), e.failure().code());
          Problems.send(ctx, Problems.of(e.failure()));
        });
    routes.exception(RequestRejected.class, (e, ctx) -> Problems.send(ctx, Problems.rejected(e)));
    routes.exception(
        BodyReader.TimedOut.class,
        (e, ctx) -> Problems.send(ctx, Problems.forStatus(408, String.valueOf(e.getMessage()))));
    routes.exception(
        Tokens.Unauthenticated.class,
        (e, ctx) -> {
          ctx.header("WWW-Authenticate", "Bearer");
          Problems.send(ctx, Problems.unauthenticated(e));
        });
    routes.exception(Forbidden.class, (e, ctx) -> Problems.send(ctx, Problems.forbidden(e)));
    routes.exception(
        StorageUnavailableException.class,
        (e, ctx) -> {
          metrics.storageError();
          LOG.warn("storage unavailable on {} {}: {}", ctx.method(), ctx.path(), e.getMessage());
          Problems.send(ctx, Problems.storageUnavailable());
        });
    routes.exception(
        HttpResponseException.class,
        (e, ctx) -> {
          if (e.getStatus() == 405) {
            allowedMethods(e).ifPresent(methods -> ctx.header("Allow", methods));
          }
          Problems.send(ctx, Problems.forStatus(e.getStatus(), String.valueOf(e.getMessage())));
        });
    routes.exception(
        Exception.class,
        (e, ctx) -> {
          if (e instanceof HttpException jetty && jetty.getCode() < 500) {
            // Jetty's refusal of what the client sent, met while reading the body: one cut short,
            // a chunk of bad size. The client's mistake, not the server's failure.
            Problems.send(
                ctx,
                Problems.forStatus(jetty.getCode(), "the request could not be read: " + reason(e)));
            return;
          }
          if (e instanceof IOException) {
            // The only input a handler reads is the request body, so this is the client's
            // connection failing while sending it (a timeout is BodyReader.TimedOut).
            Problems.send(ctx, Problems.bodyUnreadable());
            return;
          }
          LOG.error("unexpected failure on {} {}", ctx.method(), ctx.path(), e);
          Problems.send(ctx, Problems.internalError());
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
}
