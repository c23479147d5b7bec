package dev.parkade.application;

import dev.parkade.domain.ParkingSession;
import dev.parkade.domain.UserId;
import java.util.Objects;

/** Who asks: a driver sees only their own sessions, an operator sees every session. */
public record Caller(UserId user, boolean operator) {
  public Caller {
    Objects.requireNonNull(user, "user");
  }

  public static Caller driver(UserId user) {
    return new Caller(user, false);
  }

  public static Caller operator(UserId user) {
    return new Caller(user, true);
  }

  boolean maySee(ParkingSession session) {
    return operator || session.userId().equals(user);
  }
}
