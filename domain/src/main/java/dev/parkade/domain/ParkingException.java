package dev.parkade.domain;

import java.util.Objects;
import java.util.Optional;

/**
 * A parking operation refused for a domain reason: an expected outcome, not a fault. It carries no
 * stack trace because it is thrown on the hot path (a full lot answers thousands of these a second)
 * and the {@link #failure()} says all there is to say.
 */
public final class ParkingException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ParkingFailure failure;
  private final String subject;

  public ParkingException(ParkingFailure failure) {
    this(failure, "");
  }

  /**
   * @param subject what the failure is about (a spot id, say); empty when the failure says it all
   */
  public ParkingException(ParkingFailure failure, String subject) {
    super(failure.message(), null, false, false);
    this.failure = Objects.requireNonNull(failure, "failure");
    this.subject = Objects.requireNonNull(subject, "subject");
  }

  public ParkingFailure failure() {
    return failure;
  }

  /** What the failure is about, such as the spot that already exists, when there is one. */
  public Optional<String> subject() {
    return subject.isEmpty() ? Optional.empty() : Optional.of(subject);
  }
}
