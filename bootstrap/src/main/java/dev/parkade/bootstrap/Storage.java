package dev.parkade.bootstrap;

import dev.parkade.domain.port.SessionStore;
import dev.parkade.domain.port.SpotInventory;

/** The storage the server runs on, whichever kind: both ports, readiness, and its end. */
public interface Storage extends AutoCloseable {
  SessionStore sessions();

  SpotInventory spots();

  /** Whether storage answers now. */
  boolean isReady();

  @Override
  void close();
}
