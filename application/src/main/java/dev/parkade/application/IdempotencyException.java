package dev.parkade.application;

import java.util.Objects;

/** A keyed write that neither ran nor replayed: its key is in progress or holds another request. */
public final class IdempotencyException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final IdempotencyFailure failure;

  public IdempotencyException(IdempotencyFailure failure) {
    super(failure.message(), null, false, false);
    this.failure = Objects.requireNonNull(failure, "failure");
  }

  public IdempotencyFailure failure() {
    return failure;
  }
}
