package dev.parkade.adapters.web;

import io.javalin.http.Context;
import java.util.List;
import java.util.Map;

/**
 * The live dashboard: one page and its scripts, served from the jar (no CDN, no build step), with a
 * content security policy that lets the page load nothing from anywhere else. Only the files named
 * here are served, each with its type.
 */
final class DashboardRoutes {
  private record Asset(String type, String body) {}

  private static final String CSP =
      "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none';"
          + " frame-ancestors 'none'";

  private final Map<String, Asset> assets =
      Map.of(
          "index.html", asset("text/html;charset=utf-8", "index.html"),
          "dashboard.js", asset("text/javascript;charset=utf-8", "dashboard.js"),
          "chart.js", asset("text/javascript;charset=utf-8", "chart.js"),
          "dashboard.css", asset("text/css;charset=utf-8", "dashboard.css"));

  List<Route> routes() {
    return List.of(
        Route.get("/", Role.PUBLIC, ctx -> send(ctx, "index.html")),
        Route.get("/dashboard/{file}", Role.PUBLIC, ctx -> send(ctx, ctx.pathParam("file"))));
  }

  private static Asset asset(String type, String file) {
    return new Asset(type, ServiceRoutes.resource("/dashboard/" + file));
  }

  private void send(Context ctx, String file) {
    Asset asset = assets.get(file);
    if (asset == null) {
      Problems.send(ctx, Problems.forStatus(404, "No such dashboard file: " + file));
      return;
    }
    ctx.header("Content-Security-Policy", CSP);
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Cache-Control", "no-cache");
    ctx.contentType(asset.type()).result(asset.body());
  }
}
