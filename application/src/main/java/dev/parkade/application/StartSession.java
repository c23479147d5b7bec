package dev.parkade.application;

import dev.parkade.domain.LicensePlate;
import dev.parkade.domain.UserId;
import java.util.Objects;

/** A driver asks to park a vehicle. */
public record StartSession(UserId user, LicensePlate plate) {
  public StartSession {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(plate, "plate");
  }
}
