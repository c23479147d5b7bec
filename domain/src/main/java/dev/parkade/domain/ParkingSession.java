package dev.parkade.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A user's vehicle in one spot from a start time until, once ended, an end time. Immutable: ending
 * a session gives a new record, and storage decides atomically which end wins.
 */
public record ParkingSession(
    SessionId id,
    UserId userId,
    LicensePlate plate,
    SpotId spotId,
    Instant startTime,
    Optional<Instant> endTime) {

  public ParkingSession {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(plate, "plate");
    Objects.requireNonNull(spotId, "spotId");
    Objects.requireNonNull(startTime, "startTime");
    Objects.requireNonNull(endTime, "endTime");
    if (endTime.isPresent() && endTime.get().isBefore(startTime)) {
      throw new IllegalArgumentException(
          "session " + id + " cannot end at " + endTime.get() + " before its start " + startTime);
    }
  }

  public static ParkingSession started(
      SessionId id, UserId userId, LicensePlate plate, SpotId spotId, Instant startTime) {
    return new ParkingSession(id, userId, plate, spotId, startTime, Optional.empty());
  }

  public SessionStatus status() {
    return endTime.isPresent() ? SessionStatus.ENDED : SessionStatus.ACTIVE;
  }

  public boolean isActive() {
    return endTime.isEmpty();
  }

  /** This session ended at {@code time}, clamped as {@link #endTimeOf} says. */
  public ParkingSession endedAt(Instant time) {
    if (!isActive()) {
      throw new IllegalStateException("session " + id + " has already ended");
    }
    return new ParkingSession(
        id, userId, plate, spotId, startTime, Optional.of(endTimeOf(startTime, time)));
  }

  /**
   * The end time of a session started at {@code startTime} and ended at {@code time}. A clock that
   * stepped back since the start is clamped to the start, so that an ended record never claims to
   * end before it began. For storage that keeps the end apart from the record.
   */
  public static Instant endTimeOf(Instant startTime, Instant time) {
    return time.isBefore(startTime) ? startTime : time;
  }
}
