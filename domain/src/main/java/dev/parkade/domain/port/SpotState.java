package dev.parkade.domain.port;

/** Whether a spot is held by an active session. */
public enum SpotState {
  FREE,
  OCCUPIED
}
