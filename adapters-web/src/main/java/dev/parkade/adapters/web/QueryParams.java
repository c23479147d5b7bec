package dev.parkade.adapters.web;

import dev.parkade.domain.InvalidValueException;
import dev.parkade.domain.SessionStatus;
import dev.parkade.domain.SpotId;
import io.javalin.http.Context;
import java.util.Optional;

/** Query parameters, checked so that a bad one is a 400 that names it. */
final class QueryParams {
  private QueryParams() {}

  static int limit(Context ctx, int defaultValue) {
    String raw = ctx.queryParam("limit");
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
    String raw = ctx.queryParam("status");
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
    return Optional.ofNullable(ctx.queryParam(name));
  }

  private static String shorten(String raw) {
    return raw.length() > 40 ? raw.substring(0, 40) + "…" : raw;
  }
}
