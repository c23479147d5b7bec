package dev.parkade.domain;

import java.util.Objects;

/**
 * A value from outside (a request, a flag, a cursor) that breaks a rule of the domain. It names the
 * field so that a client learns what to fix; adapters answer it as a client error, never as a
 * fault.
 */
public final class InvalidValueException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String field;
  private final String problem;

  public InvalidValueException(String field, String problem) {
    super(field + ": " + problem);
    this.field = Objects.requireNonNull(field, "field");
    this.problem = Objects.requireNonNull(problem, "problem");
  }

  /** The name of the offending field, as a client spells it. */
  public String field() {
    return field;
  }

  /** What is wrong with the value, a phrase that follows the field's name. */
  public String problem() {
    return problem;
  }
}
