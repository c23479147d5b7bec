package dev.parkade.domain;

/** Where a parking session stands. */
public enum SessionStatus {
  ACTIVE,
  ENDED
}
