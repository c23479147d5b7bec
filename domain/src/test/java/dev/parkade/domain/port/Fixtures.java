package dev.parkade.domain.port;

import dev.parkade.domain.LicensePlate;
import dev.parkade.domain.SessionId;
import dev.parkade.domain.SpotId;
import dev.parkade.domain.UserId;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

/** Values for tests of anything that stores parking sessions. */
public final class Fixtures {
  public static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

  private Fixtures() {}

  /** {@code count} spot ids {@code L1-001}, {@code L1-002}, ... in id order. */
  public static List<SpotId> spotIds(int count) {
    return spotIds("L1-", count);
  }

  public static List<SpotId> spotIds(String prefix, int count) {
    int width = Math.max(3, String.valueOf(count).length());
    return IntStream.rangeClosed(1, count)
        .mapToObj(i -> new SpotId(prefix + String.format("%0" + width + "d", i)))
        .toList();
  }

  public static UserId user(int n) {
    return new UserId("user-" + n);
  }

  public static LicensePlate plate(int n) {
    return new LicensePlate("PL-" + n);
  }

  public static SessionId sessionId(long n) {
    return new SessionId("session-" + n);
  }

  public static Instant at(long secondsAfterT0) {
    return T0.plusSeconds(secondsAfterT0);
  }
}
