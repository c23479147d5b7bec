package dev.parkade.adapters.web;

import dev.parkade.domain.FacilityId;
import dev.parkade.domain.InvalidValueException;
import dev.parkade.domain.SessionStatus;
import dev.parkade.domain.SpotFeature;
import dev.parkade.domain.SpotFeatures;
import dev.parkade.domain.SpotId;
import dev.parkade.domain.port.SpotFilter;
import io.javalin.http.Context;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Query parameters, checked so that a bad one is a 400 that names it. */
final class QueryParams {
  private QueryParams() {}

  static int limit(Context ctx, int defaultValue) {
    String raw = value(ctx, "limit");
    if (raw == null) {
      return defaultValue;
    }
    try {
      return Integer.parseInt(raw);
    } catch (NumberFormatException e) {
      throw RequestRejected.field("limit", "must be an integer, was '" + shorten(raw) + "'");
    }
  }

  static SessionStatus status(Context ctx) {
    String raw = value(ctx, "status");
    if (raw == null) {
      return SessionStatus.ACTIVE;
    }
    for (SessionStatus status : SessionStatus.values()) {
      if (status.name().equals(raw)) {
        return status;
      }
    }
    throw RequestRejected.field("status", "must be ACTIVE or ENDED, was '" + shorten(raw) + "'");
  }

  /** {@code after} of the spot listing: a spot id, and a bad one is named as {@code after}. */
  static Optional<SpotId> spotAfter(Context ctx) {
    return optional(ctx, "after")
        .map(
            raw -> {
              try {
                return new SpotId(raw);
              } catch (InvalidValueException e) {
                throw RequestRejected.value("after", e);
              }
            });
  }

  /** {@code facilityId=} and every {@code feature=}: the spots of a listing. */
  static SpotFilter spotFilter(Context ctx) {
    Optional<FacilityId> facility = facility(ctx);
    EnumSet<SpotFeature> features = EnumSet.noneOf(SpotFeature.class);
    for (String raw : values(ctx, "feature")) {
      try {
        features.add(SpotFeature.named("feature", raw));
      } catch (InvalidValueException e) {
        throw RequestRejected.value("feature", e);
      }
    }
    return new SpotFilter(facility, SpotFeatures.of(features));
  }

  /** {@code facilityId=}, when given. */
  static Optional<FacilityId> facility(Context ctx) {
    return optional(ctx, "facilityId")
        .map(
            raw -> {
              try {
                return new FacilityId(raw);
              } catch (InvalidValueException e) {
                throw RequestRejected.value("facilityId", e);
              }
            });
  }

  static Optional<String> optional(Context ctx, String name) {
    return Optional.ofNullable(value(ctx, name));
  }

  /**
   * The first value of {@code name}, decoded as UTF-8 whatever charset the request names: Javalin
   * decodes with the charset of the request's {@code Content-Type}, and drops every parameter when
   * that charset is unknown, so {@code ?limit=5} would silently get the default.
   */
  private static @Nullable String value(Context ctx, String name) {
    List<String> values = values(ctx, name);
    return values.isEmpty() ? null : values.get(0);
  }

  /** Every value of {@code name}, in order, decoded like {@link #value}. */
  private static List<String> values(Context ctx, String name) {
    String query = ctx.queryString();
    if (query == null) {
      return List.of();
    }
    List<String> values = new ArrayList<>(1);
    for (String parameter : query.split("&", -1)) {
      String key = nameOf(parameter);
      if (decode(key).equals(name)) {
        values.add(
            key.length() == parameter.length()
                ? ""
                : decode(parameter.substring(key.length() + 1)));
      }
    }
    return values;
  }

  /** The name of a {@code name=value} parameter, still encoded; all of it when it has no value. */
  private static String nameOf(String parameter) {
    int equals = parameter.indexOf('=');
    return equals < 0 ? parameter : parameter.substring(0, equals);
  }

  /** Decodes what {@link #requireValidEncoding} let through; {@code +} is a space. */
  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }

  /**
   * Refuses a request whose query is not valid percent-encoded UTF-8, on whichever route it
   * matches, before the handler reads it: Javalin's decoding drops a parameter with a malformed
   * escape (so {@code ?limit=%ZZ} silently got the default) and turns bytes that are not UTF-8 into
   * U+FFFD.
   */
  static void requireValidEncoding(Context ctx) {
    String query = ctx.queryString();
    if (query == null || query.indexOf('%') < 0) {
      return;
    }
    for (String parameter : query.split("&", -1)) {
      if (!isPercentEncodedUtf8(parameter)) {
        String named = nameOf(parameter);
        if (isPercentEncodedUtf8(named)) {
          named = decode(named);
        }
        throw RequestRejected.queryParameter(shorten(named), "is not valid percent-encoded UTF-8");
      }
    }
  }

  /**
   * Whether every {@code %} starts two hex digits and each run of escapes gives UTF-8 bytes. The
   * characters between escapes are characters already, so only the escaped bytes need decoding.
   */
  static boolean isPercentEncodedUtf8(String text) {
    for (int at = text.indexOf('%'); at >= 0; at = text.indexOf('%', at)) {
      int end = at;
      while (end < text.length() && text.charAt(end) == '%') {
        if (end + 2 >= text.length()
            || !HexFormat.isHexDigit(text.charAt(end + 1))
            || !HexFormat.isHexDigit(text.charAt(end + 2))) {
          return false;
        }
        end += 3;
      }
      byte[] escaped = new byte[(end - at) / 3];
      for (int k = 0; k < escaped.length; k++) {
        escaped[k] = (byte) HexFormat.fromHexDigits(text, at + 3 * k + 1, at + 3 * k + 3);
      }
      try {
        StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(escaped));
      } catch (CharacterCodingException e) {
        return false;
      }
      at = end;
    }
    return true;
  }

  private static String shorten(String raw) {
    return raw.length() > 40 ? raw.substring(0, 40) + "…" : raw;
  }
}
