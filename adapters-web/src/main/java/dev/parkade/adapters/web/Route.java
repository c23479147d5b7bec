package dev.parkade.adapters.web;

import dev.parkade.domain.port.KeyedRequest;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.Objects;
import java.util.Optional;

/**
 * One line of the route table: method, path, the role it needs and what handles it. A write (POST,
 * DELETE) can only be declared with a {@link WriteHandler}, which is given the request's {@code
 * Idempotency-Key} by {@link Idempotency}; a read takes a plain handler and is never given one.
 */
record Route(HandlerType method, String path, Role role, WriteHandler handler) {
  Route {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(handler, "handler");
  }

  /** Handles a write: {@code key} is empty when the request sent none, and then so is the path. */
  @FunctionalInterface
  interface WriteHandler {
    void handle(Context ctx, Optional<KeyedRequest> key) throws Exception;
  }

  /** A GET route; {@link ParkadeApi} also answers HEAD on it through the same handler. */
  static Route get(String path, Role role, Handler handler) {
    return new Route(HandlerType.GET, path, role, (ctx, none) -> handler.handle(ctx));
  }

  static Route post(String path, Role role, WriteHandler handler) {
    return new Route(HandlerType.POST, path, role, handler);
  }

  static Route delete(String path, Role role, WriteHandler handler) {
    return new Route(HandlerType.DELETE, path, role, handler);
  }

  boolean writes() {
    return method.equals(HandlerType.POST) || method.equals(HandlerType.DELETE);
  }
}
