package dev.parkade.application;

import dev.parkade.domain.ParkingFailure;
import java.util.Objects;
import java.util.Optional;

/**
 * What a keyed write answers: its value or the domain's refusal, exactly one of them, and whether
 * it is the stored answer of an earlier request with the key ({@code replayed}: nothing ran now).
 */
public record Answered<T>(Optional<T> value, Optional<ParkingFailure> refusal, boolean replayed) {
  public Answered {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(refusal, "refusal");
    if (value.isPresent() == refusal.isPresent()) {
      throw new IllegalArgumentException("an answer is a value or a refusal, not both nor neither");
    }
  }

  public static <T> Answered<T> of(T value, boolean replayed) {
    return new Answered<>(Optional.of(value), Optional.empty(), replayed);
  }

  public static <T> Answered<T> refused(ParkingFailure failure, boolean replayed) {
    return new Answered<>(Optional.empty(), Optional.of(failure), replayed);
  }

  /** The value, or the refusal thrown as the unkeyed use case would have thrown it. */
  public T orThrow() {
    if (refusal.isPresent()) {
      throw refusal.get().exception();
    }
    return value.orElseThrow();
  }
}
