package dev.parkade.domain.port;

import dev.parkade.domain.SessionId;
import dev.parkade.domain.UserId;
import java.util.Objects;

/** A session of {@code user} started or ended; which of the two is read from the session. */
public record SessionChange(UserId user, SessionId session) {
  public SessionChange {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(session, "session");
  }
}
