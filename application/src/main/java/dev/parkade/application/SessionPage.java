package dev.parkade.application;

import dev.parkade.domain.ParkingSession;
import java.util.List;
import java.util.Optional;

/** A page of sessions; {@code next} is the opaque cursor of the following page, if any. */
public record SessionPage(List<ParkingSession> sessions, Optional<String> next) {
  public SessionPage {
    sessions = List.copyOf(sessions);
  }
}
