package dev.parkade.adapters.web;

import dev.parkade.application.ChangeSignals;
import dev.parkade.application.KeyedParking;
import dev.parkade.application.OccupancyHistory;
import dev.parkade.application.ParkingService;
import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.json.JavalinJackson;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * Parkade's HTTP API (see {@code docs/api.md} and {@code /openapi.json}), as an unstarted {@link
 * Javalin} so that tests and bootstrap start it the same way. It only assembles: the routes come
 * from one class per resource, who may call them is {@link Access}'s, and every error is answered
 * by {@link ErrorMapping} from the catalogue in {@link Problems}. Every write takes an {@code
 * Idempotency-Key} through {@link Idempotency}.
 */
public final class ParkadeApi {
  /**
   * The logger of the request log, one line per request: its own name, so that an operator can
   * route or silence it apart from the rest.
   */
  public static final String REQUEST_LOGGER = "dev.parkade.requests";

  static final long MAX_BODY_BYTES = 64 * 1024;

  /**
   * The size of the array through which Javalin copies a response's body to Jetty. Not under
   * Javalin's 1,500 bytes: it decides whether to compress a body from the length of its first
   * write, so a smaller array would leave every body uncompressed.
   */
  static final int RESPONSE_COPY_BYTES = 2 * 1024;

  private static final Duration GRACE = Duration.ofSeconds(10);

  private ParkadeApi() {}

  /**
   * The API, not yet started.
   *
   * @param keyed the writes sent with an {@code Idempotency-Key}, over the same storage as {@code
   *     service}
   * @param storageReady whether storage answers now, for {@code /health/ready}
   * @param accessLog whether each request is logged on a line of its own (metrics count it anyway)
   */
  public static Javalin create(
      ParkingService service,
      KeyedParking keyed,
      Tokens tokens,
      ApiMetrics metrics,
      BooleanSupplier storageReady,
      boolean accessLog) {
    return create(
        service,
        keyed,
        tokens,
        metrics,
        new Live(new EventStreams(new ChangeSignals(), metrics), new OccupancyHistory()),
        storageReady,
        accessLog);
  }

  /**
   * What the live routes read: the open streams, which the live publisher feeds, and the history it
   * samples.
   */
  public record Live(EventStreams streams, OccupancyHistory history) {}

  /**
   * The API, not yet started, with its live routes fed by a publisher the caller runs.
   *
   * @param keyed the writes sent with an {@code Idempotency-Key}, over the same storage as {@code
   *     service}
   * @param storageReady whether storage answers now, for {@code /health/ready}
   * @param accessLog whether each request is logged on a line of its own (metrics count it anyway)
   */
  public static Javalin create(
      ParkingService service,
      KeyedParking keyed,
      Tokens tokens,
      ApiMetrics metrics,
      Live live,
      BooleanSupplier storageReady,
      boolean accessLog) {
    List<Route> routes =
        Stream.of(
                new SessionRoutes(service, keyed, metrics).routes(),
                new SpotRoutes(service, keyed, metrics).routes(),
                new FacilityRoutes(service, keyed, metrics, live.history()).routes(),
                new EventRoutes(service, live.streams(), metrics).routes(),
                new FeedRoutes(service, Clock.systemUTC()).routes(),
                new DashboardRoutes().routes(),
                new ServiceRoutes(metrics, storageReady).routes())
            .flatMap(List::stream)
            .toList();
    Access access = new Access(tokens);
    RequestLog log = new RequestLog(metrics, accessLog);
    Idempotency idempotency = new Idempotency(keyed);
    return Javalin.create(
        c -> {
          c.startup.showJavalinBanner = false;
          c.startup.showOldJavalinVersionWarning = false;
          c.jsonMapper(new JavalinJackson(Json.MAPPER, false));
          c.http.maxRequestSize = MAX_BODY_BYTES;
          // Javalin copies each response's body to Jetty through a new array of this size. Unset,
          // it is Jetty's output buffer size, 32 KB, allocated for every response, most of which
          // hold less than a kilobyte; that array was a quarter of what the server allocated.
          // Jetty's own buffer keeps its 32 KB: a body of 8 to 32 KB, written now in pieces that
          // Jetty gathers, goes out with a Content-Length instead of in chunks; a larger one is
          // chunked as before.
          c.http.responseBufferSize = RESPONSE_COPY_BYTES;
          c.http.prefer405over404 = true;
          c.jetty.modifyServer(
              server -> {
                // Requests in flight get this long to finish when the server stops.
                server.setStopTimeout(GRACE.toMillis());
                server.setErrorHandler(new ProblemErrorHandler());
              });
          // Jetty caches some header values per connection, tokens among them, in 1,024 characters.
          // A connection that carries many drivers' tokens (a proxy's, a load client's) overflows
          // it every few requests, and clearing and refilling it showed in the server's profile.
          c.jetty.modifyHttpConfiguration(http -> http.setHeaderCacheSize(0));
          c.requestLogger.http(log::log);
          c.routes.before(RequestLog::tag);
          // Only once a route matches: an unknown path stays a 404 and a wrong method a 405, and
          // the refusal is logged and counted under its route. A bad query is named before a
          // missing token, whatever the route.
          c.routes.beforeMatched(QueryParams::requireValidEncoding);
          c.routes.beforeMatched(access::check);
          ErrorMapping.register(c.routes, metrics);
          routes.forEach(route -> add(c.routes, route, idempotency));
        });
  }

  /**
   * A route with its role. A GET route answers HEAD the same way, without the body: left to
   * Javalin, a HEAD on any path with a GET route answered 200 without running it, so without the
   * token check and without a 404. A write (POST, DELETE) runs inside {@link Idempotency}, after
   * {@link Access}, so that its key is read with its caller.
   */
  private static void add(RoutesConfig routes, Route route, Idempotency idempotency) {
    Handler handler =
        route.writes()
            ? idempotency.wrap(route.handler())
            : ctx -> route.handler().handle(ctx, Optional.empty());
    routes.addHttpHandler(route.method(), route.path(), handler, route.role());
    if (route.method().equals(HandlerType.GET)) {
      routes.addHttpHandler(HandlerType.HEAD, route.path(), handler, route.role());
    }
  }
}
