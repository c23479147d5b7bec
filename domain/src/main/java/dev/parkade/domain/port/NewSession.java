package dev.parkade.domain.port;

import dev.parkade.domain.FacilityId;
import dev.parkade.domain.LicensePlate;
import dev.parkade.domain.ParkingSession;
import dev.parkade.domain.SessionId;
import dev.parkade.domain.SpotFeatures;
import dev.parkade.domain.SpotId;
import dev.parkade.domain.UserId;
import java.time.Instant;
import java.util.Objects;

/**
 * What a start asks storage to record: a spot of {@code facility} that fits {@code needs} ({@link
 * dev.parkade.domain.BestFit}); which one is storage's to choose.
 */
public record NewSession(
    SessionId id,
    UserId userId,
    LicensePlate plate,
    Instant startTime,
    FacilityId facility,
    SpotFeatures needs) {
  public NewSession {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(plate, "plate");
    Objects.requireNonNull(startTime, "startTime");
    Objects.requireNonNull(facility, "facility");
    Objects.requireNonNull(needs, "needs");
  }

  /**
   * The active session this start records on {@code spot}, of its facility, with {@code features}.
   */
  public ParkingSession startedOn(SpotId spot, SpotFeatures features) {
    return ParkingSession.started(id, userId, plate, spot, startTime, facility, features);
  }

  /** A start in the default facility that needs nothing. */
  public NewSession(SessionId id, UserId userId, LicensePlate plate, Instant startTime) {
    this(id, userId, plate, startTime, FacilityId.DEFAULT, SpotFeatures.NONE);
  }
}
