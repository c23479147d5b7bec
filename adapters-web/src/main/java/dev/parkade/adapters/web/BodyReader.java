package dev.parkade.adapters.web;

import io.javalin.http.Context;
import java.io.IOException;
import java.util.concurrent.TimeoutException;

/**
 * Reads a request's body for a handler. A client that stops sending it halfway for longer than the
 * connection's idle timeout makes Jetty fail the read with a timeout, which Javalin answers itself,
 * before any exception handler of ours, with a 408 and an empty {@code text/plain} body; turned
 * into {@link TimedOut} here, it gets a problem like every other error.
 */
final class BodyReader {
  private BodyReader() {}

  static String read(Context ctx) {
    try {
      return ctx.body();
    } catch (Exception e) { // ctx.body() is Kotlin: an IOException is thrown undeclared
      if (timedOut(e)) {
        throw new TimedOut();
      }
      throw e;
    }
  }

  /**
   * The body's bytes as sent. Javalin keeps them, so a later {@link #read} parses these same bytes
   * without reading the connection again.
   */
  static byte[] bytes(Context ctx) {
    try {
      return ctx.bodyAsBytes();
    } catch (Exception e) { // Kotlin again
      if (timedOut(e)) {
        throw new TimedOut();
      }
      throw e;
    }
  }

  private static boolean timedOut(Exception e) {
    return e instanceof IOException && e.getCause() instanceof TimeoutException;
  }

  /** The body did not arrive within the idle timeout. */
  static final class TimedOut extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TimedOut() {
      super(
          "the request body did not arrive before the connection's idle timeout",
          null,
          false,
          false);
    }
  }
}
