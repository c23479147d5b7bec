package dev.parkade.domain;

/** A parking session: 1 to 64 characters of {@code A-Z a-z 0-9 - _ .} (a UUID in practice). */
public record SessionId(String value) implements Comparable<SessionId> {
  public static final int MAX_LENGTH = 64;

  public SessionId {
    Identifiers.require("sessionId", value, MAX_LENGTH, Identifiers.ID_PUNCTUATION);
  }

  @Override
  public int compareTo(SessionId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
