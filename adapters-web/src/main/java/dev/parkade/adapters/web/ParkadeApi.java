package dev.parkade.adapters.web;

import dev.parkade.application.Caller;
import dev.parkade.application.Limits;
import dev.parkade.application.ParkingService;
import dev.parkade.application.StartSession;
import dev.parkade.domain.ParkingSession;
import dev.parkade.domain.SessionId;
import dev.parkade.domain.SessionStatus;
import dev.parkade.domain.SpotId;
import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.json.JavalinJackson;
import io.javalin.router.Endpoint;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parkade's HTTP API (see {@code docs/api.md} and {@code /openapi.json}), as an unstarted {@link
 * Javalin} so that tests and bootstrap start it the same way.
 */
public final class ParkadeApi {
  private static final Logger REQUESTS = LoggerFactory.getLogger("dev.parkade.requests");
  private static final String REQUEST_ID = "X-Request-Id";
  private static final Pattern CLIENT_REQUEST_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  static final long MAX_BODY_BYTES = 64 * 1024;
  private static final Duration GRACE = Duration.ofSeconds(10);

  private final ParkingService service;
  private final Tokens tokens;
  private final ApiMetrics metrics;
  private final BooleanSupplier storageReady;
  private final boolean accessLog;
  private final String openApi;

  private ParkadeApi(
      ParkingService service,
      Tokens tokens,
      ApiMetrics metrics,
      BooleanSupplier storageReady,
      boolean accessLog) {
    this.service = service;
    this.tokens = tokens;
    this.metrics = metrics;
    this.storageReady = storageReady;
    this.accessLog = accessLog;
    this.openApi = resource("/openapi.json");
  }

  /**
   * The API, not yet started.
   *
   * @param storageReady whether storage answers now, for {@code /health/ready}
   * @param accessLog whether each request is logged on a line of its own (metrics count it anyway)
   */
  public static Javalin create(
      ParkingService service,
      Tokens tokens,
      ApiMetrics metrics,
      BooleanSupplier storageReady,
      boolean accessLog) {
    return new ParkadeApi(service, tokens, metrics, storageReady, accessLog).javalin();
  }

  private Javalin javalin() {
    return Javalin.create(
        c -> {
          c.startup.showJavalinBanner = false;
          c.startup.showOldJavalinVersionWarning = false;
          c.jsonMapper(new JavalinJackson(Json.MAPPER, false));
          c.http.maxRequestSize = MAX_BODY_BYTES;
          c.http.prefer405over404 = true;
          c.jetty.modifyServer(
              server -> {
                // Requests in flight get this long to finish when the server stops.
                server.setStopTimeout(GRACE.toMillis());
                server.setErrorHandler(new ProblemErrorHandler());
              });
          // Jetty caches some header values per connection, tokens among them, in 1,024 characters.
          // A connection that carries many drivers' tokens (a proxy's, a load client's) overflows
          // it on every few requests: clearing and refilling it was 6% of the server's CPU.
          c.jetty.modifyHttpConfiguration(http -> http.setHeaderCacheSize(0));
          c.requestLogger.http(this::logRequest);
          c.routes.before(ParkadeApi::tagRequest);
          // Only once a route matches: an unknown path stays a 404 and a wrong method a 405, and
          // the refusal is logged and counted under its route.
          c.routes.beforeMatched(QueryParams::requireValidEncoding);
          ErrorMapping.register(c.routes, metrics);

          c.routes.post("/api/v1/sessions", this::startSession);
          get(c.routes, "/api/v1/sessions/current", this::currentSession);
          c.routes.post("/api/v1/sessions/current/end", this::endCurrentSession);
          get(c.routes, "/api/v1/sessions/{id}", this::session);
          c.routes.post("/api/v1/sessions/{id}/end", this::endSession);
          get(c.routes, "/api/v1/sessions", this::sessions);
          get(c.routes, "/api/v1/lot", this::lot);
          get(c.routes, "/api/v1/spots/available", this::availableSpots);
          get(c.routes, "/api/v1/spots", this::spots);
          c.routes.post("/api/v1/spots", this::addSpots);
          c.routes.delete("/api/v1/spots/{id}", this::removeSpot);

          get(c.routes, "/health/live", ctx -> ctx.json(new Status("UP")));
          get(c.routes, "/health/ready", this::ready);
          get(c.routes, "/metrics", this::metrics);
          get(
              c.routes,
              "/openapi.json",
              ctx -> ctx.contentType("application/json").result(openApi));
        });
  }

  /**
   * A GET route that answers HEAD the same way, without the body. Left to Javalin, a HEAD on any
   * path with a GET route answered 200 without running it: no token check, no 404.
   */
  private static void get(RoutesConfig routes, String path, Handler handler) {
    routes.get(path, handler);
    routes.head(path, handler);
  }

  record Status(String status) {}

  // ---------------------------------------------------------------- drivers

  private void startSession(Context ctx) {
    Caller caller = caller(ctx);
    StartSession command =
        new StartSession(caller.user(), Bodies.plateOfStart(Json.parse(BodyReader.read(ctx))));
    ParkingSession session = service.startSession(command);
    metrics.sessionStarted();
    ctx.status(201).header("Location", "/api/v1/sessions/" + session.id().value());
    ctx.json(Bodies.Session.from(session));
  }

  private void currentSession(Context ctx) {
    ctx.json(Bodies.Session.from(service.currentSession(caller(ctx).user())));
  }

  private void endCurrentSession(Context ctx) {
    ParkingSession ended = service.endCurrentSession(caller(ctx).user());
    metrics.sessionEnded();
    ctx.json(Bodies.Session.from(ended));
  }

  private void session(Context ctx) {
    ctx.json(Bodies.Session.from(service.session(caller(ctx), sessionId(ctx))));
  }

  private void endSession(Context ctx) {
    ParkingSession ended = service.endSession(caller(ctx), sessionId(ctx));
    metrics.sessionEnded();
    ctx.json(Bodies.Session.from(ended));
  }

  // ---------------------------------------------------------------- availability

  private void lot(Context ctx) {
    ctx.json(Bodies.Lot.from(service.occupancy()));
  }

  private void availableSpots(Context ctx) {
    int limit = QueryParams.limit(ctx, Limits.DEFAULT_FREE_SPOTS);
    ctx.json(Bodies.Available.from(service.availableSpots(limit)));
  }

  // ---------------------------------------------------------------- operators

  private void spots(Context ctx) {
    operator(ctx);
    int limit = QueryParams.limit(ctx, Limits.DEFAULT_SPOTS_PAGE);
    Optional<SpotId> after = QueryParams.spotAfter(ctx);
    ctx.json(Bodies.SpotsPage.from(service.spots(after, limit)));
  }

  private void addSpots(Context ctx) {
    operator(ctx);
    List<SpotId> added = service.addSpots(Bodies.spotIdsToAdd(Json.parse(BodyReader.read(ctx))));
    ctx.status(201).json(new Bodies.Created(added.stream().map(SpotId::value).toList()));
  }

  private void removeSpot(Context ctx) {
    operator(ctx);
    service.removeSpot(new SpotId(ctx.pathParam("id")));
    ctx.status(204);
    ctx.res().setContentType(null); // Javalin's default text/plain, on a response with no content
  }

  private void sessions(Context ctx) {
    operator(ctx);
    int limit = QueryParams.limit(ctx, Limits.DEFAULT_SESSIONS_PAGE);
    SessionStatus status = QueryParams.status(ctx);
    ctx.json(
        Bodies.SessionsPage.from(
            service.sessions(status, QueryParams.optional(ctx, "after"), limit)));
  }

  // ---------------------------------------------------------------- service

  private void ready(Context ctx) {
    if (storageReady.getAsBoolean()) {
      ctx.json(new Status("UP"));
    } else {
      ErrorMapping.send(ctx, ErrorMapping.storageUnavailable("Storage does not answer"));
    }
  }

  private void metrics(Context ctx) {
    ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape());
  }

  // ---------------------------------------------------------------- identity

  private Caller caller(Context ctx) {
    String header = ctx.header("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw new Tokens.Unauthenticated("a bearer token is required");
    }
    return tokens.verify(header.substring(7).strip());
  }

  private void operator(Context ctx) {
    if (!caller(ctx).operator()) {
      throw new Forbidden("this needs the operator role");
    }
  }

  private static SessionId sessionId(Context ctx) {
    return new SessionId(ctx.pathParam("id"));
  }

  // ---------------------------------------------------------------- requests

  /** Every request gets an id: the client's when it sent a sane one, else a new one. */
  private static void tagRequest(Context ctx) {
    String sent = ctx.header(REQUEST_ID);
    String id =
        sent != null && CLIENT_REQUEST_ID.matcher(sent).matches()
            ? sent
            : UUID.randomUUID().toString();
    ctx.attribute(REQUEST_ID, id);
    ctx.header(REQUEST_ID, id);
  }

  /**
   * Counts every request; logs it on one line unless the access log is off. Never the query string
   * or headers, which may carry secrets.
   */
  private void logRequest(Context ctx, Float millis) {
    Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
    String route = endpoint == null ? "unmatched" : endpoint.path;
    int status = ctx.statusCode();
    metrics.request(
        ctx.method().name(), route, status, Duration.ofNanos((long) (millis * 1_000_000)));
    if (!accessLog) {
      return;
    }
    @Nullable String id = ctx.attribute(REQUEST_ID);
    REQUESTS.info("{} {} {} {}ms id={}", ctx.method().name(), route, status, tenths(millis), id);
  }

  /**
   * Milliseconds to the nearest tenth, with a point whatever the locale. {@code String.format} did
   * this with a {@code Formatter} per request line: a tenth of the server's CPU under load.
   */
  static String tenths(float millis) {
    long tenths = Math.round(millis * 10.0);
    return tenths / 10 + "." + tenths % 10;
  }

  private static String resource(String path) {
    try (InputStream in = ParkadeApi.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException(path + " is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
