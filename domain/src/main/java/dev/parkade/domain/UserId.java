package dev.parkade.domain;

/** A driver or operator: 1 to 64 characters of {@code A-Z a-z 0-9 . _ @ -}. */
public record UserId(String value) {
  public static final int MAX_LENGTH = 64;

  public UserId {
    Identifiers.require("userId", value, MAX_LENGTH, Identifiers.USER_PUNCTUATION);
  }

  @Override
  public String toString() {
    return value;
  }
}
