package dev.parkade.domain.port;

import dev.parkade.domain.ParkingFailure;
import dev.parkade.domain.ParkingSession;
import java.util.Objects;

/**
 * What a keyed write did, as storage keeps it under its key: with the request, enough to give the
 * first response again, and nothing of HTTP. A failure of the key itself (in progress, reused) is a
 * {@link KeyedAnswer}, never an outcome, so it can never be stored.
 */
public sealed interface WriteOutcome {

  /**
   * A session started; a replay gives it as it was at its start ({@link ParkingSession#atStart}).
   */
  record Started(ParkingSession session) implements WriteOutcome {
    public Started {
      Objects.requireNonNull(session, "session");
    }
  }

  /** A session ended. */
  record Ended(ParkingSession session) implements WriteOutcome {
    public Ended {
      Objects.requireNonNull(session, "session");
    }
  }

  /** A change to spots or facilities made; the request says what it was. */
  record Done() implements WriteOutcome {}

  /** Refused by the domain; nothing changed. */
  record Refused(ParkingFailure failure) implements WriteOutcome {
    public Refused {
      Objects.requireNonNull(failure, "failure");
    }
  }
}
