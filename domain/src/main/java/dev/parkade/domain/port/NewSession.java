package dev.parkade.domain.port;

import dev.parkade.domain.LicensePlate;
import dev.parkade.domain.SessionId;
import dev.parkade.domain.UserId;
import java.time.Instant;
import java.util.Objects;

/** What a start asks storage to record; the spot is storage's to choose. */
public record NewSession(SessionId id, UserId userId, LicensePlate plate, Instant startTime) {
  public NewSession {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(plate, "plate");
    Objects.requireNonNull(startTime, "startTime");
  }
}
