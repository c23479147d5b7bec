package dev.parkade.domain.port;

import java.util.Objects;

/** How storage answered a keyed write. */
public sealed interface KeyedAnswer {

  /** The key was new (or expired): the write ran now and its outcome is stored with the key. */
  record Fresh(WriteOutcome outcome) implements KeyedAnswer {
    public Fresh {
      Objects.requireNonNull(outcome, "outcome");
    }
  }

  /** The key holds this request's outcome: nothing ran. */
  record Replayed(WriteOutcome outcome) implements KeyedAnswer {
    public Replayed {
      Objects.requireNonNull(outcome, "outcome");
    }
  }

  /** The first request with the key is still inside its change: nothing ran, nothing waited. */
  record InProgress() implements KeyedAnswer {}

  /** The key holds another request's outcome (another fingerprint): nothing ran. */
  record Reused() implements KeyedAnswer {}
}
