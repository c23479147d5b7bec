package dev.parkade.application;

import dev.parkade.domain.InvalidValueException;
import dev.parkade.domain.ParkingSession;
import dev.parkade.domain.SessionId;
import dev.parkade.domain.SpotId;
import dev.parkade.domain.port.EndedSessionKey;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Base64;
import java.util.function.Function;

/**
 * The opaque cursors of the session listings. Active sessions are paged by spot id, ended sessions
 * by their place in the history; the cursor says which, so a cursor of one listing is refused by
 * the other instead of silently paging wrong.
 */
final class SessionCursor {
  private static final String ACTIVE = "A";
  private static final String ENDED = "E";

  // The years every storage can hold; a cursor the server issued carries a time it read from its
  // clock, so one outside them was made up, and a database would fail on it rather than refuse it.
  private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
  private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

  private SessionCursor() {}

  static String encode(ParkingSession last) {
    String plain =
        last.isActive()
            ? ACTIVE + "|" + last.spotId().value()
            : ENDED + "|" + EndedSessionKey.of(last).endTime() + "|" + last.id().value();
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(plain.getBytes(StandardCharsets.UTF_8));
  }

  static SpotId activeAfter(String cursor) {
    return decode(cursor, ACTIVE, 2, parts -> new SpotId(parts[1]));
  }

  static EndedSessionKey endedAfter(String cursor) {
    return decode(
        cursor,
        ENDED,
        3,
        parts -> new EndedSessionKey(plausible(Instant.parse(parts[1])), new SessionId(parts[2])));
  }

  private static Instant plausible(Instant time) {
    if (time.isBefore(EARLIEST) || time.isAfter(LATEST)) {
      throw new DateTimeException(time + " is outside the years 1 to 9999");
    }
    return time;
  }

  private static <T> T decode(
      String cursor, String kind, int parts, Function<String[], T> interpretation) {
    try {
      String plain = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      String[] split = plain.split("\\|", -1);
      if (split.length == parts && split[0].equals(kind)) {
        return interpretation.apply(split);
      }
    } catch (IllegalArgumentException | DateTimeException notOurs) {
      // falls through: whatever is wrong inside, the client sent something we never issued
    }
    throw new InvalidValueException("after", "is not a cursor of this listing");
  }
}
