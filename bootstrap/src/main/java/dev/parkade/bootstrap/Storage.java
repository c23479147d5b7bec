package dev.parkade.bootstrap;

import dev.parkade.domain.port.ChangeRelay;
import dev.parkade.domain.port.IdempotentWrites;
import dev.parkade.domain.port.LotImport;
import dev.parkade.domain.port.SessionStore;
import dev.parkade.domain.port.SpotInventory;
import java.util.Optional;

/** The storage the server runs on, whichever kind: both ports, readiness, and its end. */
public interface Storage extends AutoCloseable {
  SessionStore sessions();

  SpotInventory spots();

  /** The writes under an {@code Idempotency-Key}, over the same state as both ports. */
  IdempotentWrites idempotentWrites();

  /**
   * How many keys the storage forgot before their lifetime to stay within its bounds: only memory
   * caps its keys; a database keeps every key until the purge.
   */
  default long droppedKeys() {
    return 0;
  }

  /** Loading a whole lot in one transaction, where the storage keeps its state outside us. */
  default Optional<LotImport> lotImport() {
    return Optional.empty();
  }

  /** How the server processes sharing this storage tell each other their changes (ADR 0016). */
  default ChangeRelay changeRelay() {
    return ChangeRelay.NONE;
  }

  /** Whether storage answers now. */
  boolean isReady();

  @Override
  void close();
}
