package dev.parkade.adapters.web;

import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.Objects;

/** One line of the route table: method, path, the role it needs and what handles it. */
record Route(HandlerType method, String path, Role role, Handler handler) {
  Route {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(handler, "handler");
  }

  /** A GET route; {@link ParkadeApi} also answers HEAD on it through the same handler. */
  static Route get(String path, Role role, Handler handler) {
    return new Route(HandlerType.GET, path, role, handler);
  }

  static Route post(String path, Role role, Handler handler) {
    return new Route(HandlerType.POST, path, role, handler);
  }

  static Route delete(String path, Role role, Handler handler) {
    return new Route(HandlerType.DELETE, path, role, handler);
  }
}
