package dev.parkade.adapters.web;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.BooleanSupplier;

/** What runs the service rather than the lot: health, metrics and the API's own description. */
final class ServiceRoutes {
  private final ApiMetrics metrics;
  private final BooleanSupplier storageReady;
  private final String openApi = resource("/openapi.json");

  ServiceRoutes(ApiMetrics metrics, BooleanSupplier storageReady) {
    this.metrics = metrics;
    this.storageReady = storageReady;
  }

  List<Route> routes() {
    return List.of(
        Route.get("/health/live", Role.PUBLIC, ctx -> ctx.json(new Status("UP"))),
        Route.get("/health/ready", Role.PUBLIC, this::ready),
        Route.get("/metrics", Role.PUBLIC, this::metrics),
        Route.get(
            "/openapi.json",
            Role.PUBLIC,
            ctx -> ctx.contentType("application/json").result(openApi)));
  }

  record Status(String status) {}

  private void ready(Context ctx) {
    if (storageReady.getAsBoolean()) {
      ctx.json(new Status("UP"));
    } else {
      Problems.send(ctx, Problems.storageNotAnswering());
    }
  }

  private void metrics(Context ctx) {
    ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape());
  }

  static String resource(String path) {
    try (InputStream in = ServiceRoutes.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException(path + " is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
