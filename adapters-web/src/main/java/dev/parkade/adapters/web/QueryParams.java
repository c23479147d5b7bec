package dev.parkade.adapters.web;

import dev.parkade.domain.InvalidValueException;
import dev.parkade.domain.SessionStatus;
import dev.parkade.domain.SpotId;
import io.javalin.http.Context;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Query parameters, checked so that a bad one is a 400 that names it. */
final class QueryParams {
  private QueryParams() {}

  static int limit(Context ctx, int defaultValue) {
    String raw = raw(ctx, "limit");
    if (raw == null) {
      return defaultValue;
    }
    try {
      return Integer.parseInt(raw);
    } catch (NumberFormatException e) {
      throw new Json.BadRequest("limit must be an integer, was '" + shorten(raw) + "'");
    }
  }

  static SessionStatus status(Context ctx) {
    String raw = raw(ctx, "status");
    if (raw == null) {
      return SessionStatus.ACTIVE;
    }
    for (SessionStatus status : SessionStatus.values()) {
      if (status.name().equals(raw)) {
        return status;
      }
    }
    throw new Json.BadRequest("status must be ACTIVE or ENDED, was '" + shorten(raw) + "'");
  }

  /** {@code after} of the spot listing: a spot id, and a bad one is named as {@code after}. */
  static Optional<SpotId> spotAfter(Context ctx) {
    return optional(ctx, "after")
        .map(
            raw -> {
              try {
                return new SpotId(raw);
              } catch (InvalidValueException e) {
                String problem = String.valueOf(e.getMessage()).substring(e.field().length() + 2);
                throw new Json.BadRequest("after " + problem);
              }
            });
  }

  static Optional<String> optional(Context ctx, String name) {
    return Optional.ofNullable(raw(ctx, name));
  }

  /**
   * The parameter as decoded, once the whole query is known to be validly encoded: the server's
   * decoding drops a parameter that is not, so {@code ?limit=%ZZ} would silently get the default.
   */
  private static @Nullable String raw(Context ctx, String name) {
    String query = ctx.queryString();
    if (query != null) {
      for (String parameter : query.split("&", -1)) {
        if (!isPercentEncodedUtf8(parameter)) {
          int equals = parameter.indexOf('=');
          String named = equals < 0 ? parameter : parameter.substring(0, equals);
          throw new Json.BadRequest(
              "query parameter '" + shorten(named) + "' is not valid percent-encoded UTF-8");
        }
      }
    }
    return ctx.queryParam(name);
  }

  /** Whether every {@code %} starts two hex digits and the bytes they give are UTF-8. */
  static boolean isPercentEncodedUtf8(String text) {
    if (text.indexOf('%') < 0) {
      return true;
    }
    ByteBuffer bytes = ByteBuffer.allocate(text.length() * 3);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c != '%') {
        bytes.put(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
        continue;
      }
      int high = i + 2 < text.length() ? Character.digit(text.charAt(i + 1), 16) : -1;
      int low = high < 0 ? -1 : Character.digit(text.charAt(i + 2), 16);
      if (low < 0) {
        return false;
      }
      bytes.put((byte) (high << 4 | low));
      i += 2;
    }
    try {
      StandardCharsets.UTF_8.newDecoder().decode(bytes.flip());
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  private static String shorten(String raw) {
    return raw.length() > 40 ? raw.substring(0, 40) + "…" : raw;
  }
}
