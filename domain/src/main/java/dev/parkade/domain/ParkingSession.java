package dev.parkade.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A user's vehicle in one spot from a start time until, once ended, an end time; the spot's
 * facility and features are those it had when the session started. Immutable: ending a session
 * gives a new record, and storage decides atomically which end wins.
 */
public record ParkingSession(
    SessionId id,
    UserId userId,
    LicensePlate plate,
    SpotId spotId,
    Instant startTime,
    Optional<Instant> endTime,
    FacilityId facilityId,
    SpotFeatures spotFeatures) {

  public ParkingSession {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(plate, "plate");
    Objects.requireNonNull(spotId, "spotId");
    Objects.requireNonNull(startTime, "startTime");
    Objects.requireNonNull(endTime, "endTime");
    Objects.requireNonNull(facilityId, "facilityId");
    Objects.requireNonNull(spotFeatures, "spotFeatures");
    if (endTime.isPresent() && endTime.get().isBefore(startTime)) {
      throw new IllegalArgumentException(
          "session " + id + " cannot end at " + endTime.get() + " before its start " + startTime);
    }
  }

  /** A session on a standard spot of the default facility. */
  public ParkingSession(
      SessionId id,
      UserId userId,
      LicensePlate plate,
      SpotId spotId,
      Instant startTime,
      Optional<Instant> endTime) {
    this(id, userId, plate, spotId, startTime, endTime, FacilityId.DEFAULT, SpotFeatures.NONE);
  }

  /** An active session on a standard spot of the default facility. */
  public static ParkingSession started(
      SessionId id, UserId userId, LicensePlate plate, SpotId spotId, Instant startTime) {
    return new ParkingSession(id, userId, plate, spotId, startTime, Optional.empty());
  }

  public static ParkingSession started(
      SessionId id,
      UserId userId,
      LicensePlate plate,
      SpotId spotId,
      Instant startTime,
      FacilityId facilityId,
      SpotFeatures spotFeatures) {
    return new ParkingSession(
        id, userId, plate, spotId, startTime, Optional.empty(), facilityId, spotFeatures);
  }

  public SessionStatus status() {
    return endTime.isPresent() ? SessionStatus.ENDED : SessionStatus.ACTIVE;
  }

  public boolean isActive() {
    return endTime.isEmpty();
  }

  /** This session as it was when it started: what a replayed start answers, even once ended. */
  public ParkingSession atStart() {
    return isActive()
        ? this
        : new ParkingSession(
            id, userId, plate, spotId, startTime, Optional.empty(), facilityId, spotFeatures);
  }

  /** This session ended at {@code time}, clamped as {@link #endTimeOf} says. */
  public ParkingSession endedAt(Instant time) {
    if (!isActive()) {
      throw new IllegalStateException("session " + id + " has already ended");
    }
    return new ParkingSession(
        id,
        userId,
        plate,
        spotId,
        startTime,
        Optional.of(endTimeOf(startTime, time)),
        facilityId,
        spotFeatures);
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
