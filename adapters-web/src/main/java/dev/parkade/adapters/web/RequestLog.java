package dev.parkade.adapters.web;

import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Every request's id, its count in the metrics and, unless switched off, its access-log line. */
final class RequestLog {
  private static final Logger REQUESTS = LoggerFactory.getLogger(ParkadeApi.REQUEST_LOGGER);
  private static final String REQUEST_ID = "X-Request-Id";
  private static final Pattern CLIENT_REQUEST_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private final ApiMetrics metrics;
  private final boolean accessLog;

  RequestLog(ApiMetrics metrics, boolean accessLog) {
    this.metrics = metrics;
    this.accessLog = accessLog;
  }

  /** Every request gets an id: the client's when it sent a sane one, else a new one. */
  static void tag(Context ctx) {
    String sent = ctx.header(REQUEST_ID);
    String id = sent != null && CLIENT_REQUEST_ID.matcher(sent).matches() ? sent : newRequestId();
    ctx.attribute(REQUEST_ID, id);
    ctx.header(REQUEST_ID, id);
  }

  /**
   * A new request id: a version-4 UUID from the thread's own generator. {@code UUID.randomUUID}
   * draws from one shared {@code SecureRandom}, whose lock showed among the contended ones in the
   * server's profile; a request id has to be unique, not secret.
   */
  static String newRequestId() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long high = (random.nextLong() & ~0xF000L) | 0x4000L; // version 4
    long low = (random.nextLong() & ~(0b11L << 62)) | (0b10L << 62); // the IETF variant
    return new UUID(high, low).toString();
  }

  /**
   * Counts every request; logs it on one line unless the access log is off. Never the query string
   * or headers, which may carry secrets.
   */
  void log(Context ctx, Float millis) {
    String route = route(ctx);
    int status = ctx.statusCode();
    metrics.request(
        ctx.method().name(), route, status, Duration.ofNanos((long) (millis * 1_000_000)));
    if (!accessLog) {
      return;
    }
    @Nullable String id = ctx.attribute(REQUEST_ID);
    REQUESTS.info("{} {} {} {}ms id={}", ctx.method().name(), route, status, tenths(millis), id);
  }

  /** The route table's path the request matched, as metrics name it: {@code unmatched} if none. */
  static String route(Context ctx) {
    Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
    return endpoint == null ? "unmatched" : endpoint.path;
  }

  /**
   * Milliseconds to the nearest tenth, with a point whatever the locale. {@code String.format} did
   * this with a {@code Formatter} per request line, a cost that showed in the server's profile.
   */
  static String tenths(float millis) {
    long tenths = Math.round(millis * 10.0);
    return tenths / 10 + "." + tenths % 10;
  }
}
