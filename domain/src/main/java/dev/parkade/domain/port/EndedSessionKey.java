package dev.parkade.domain.port;

import dev.parkade.domain.ParkingSession;
import dev.parkade.domain.SessionId;
import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;

/**
 * Where an ended session stands in the history, which every adapter lists newest first: by end
 * time, then by session id, both descending.
 */
public record EndedSessionKey(Instant endTime, SessionId id) {
  public static final Comparator<EndedSessionKey> NEWEST_FIRST =
      Comparator.comparing(EndedSessionKey::endTime).thenComparing(EndedSessionKey::id).reversed();

  public EndedSessionKey {
    Objects.requireNonNull(endTime, "endTime");
    Objects.requireNonNull(id, "id");
  }

  public static EndedSessionKey of(ParkingSession ended) {
    return new EndedSessionKey(
        ended.endTime().orElseThrow(() -> new IllegalArgumentException(ended.id() + " is active")),
        ended.id());
  }
}
