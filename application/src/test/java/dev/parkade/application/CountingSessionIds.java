package dev.parkade.application;

import dev.parkade.domain.SessionId;
import java.util.concurrent.atomic.AtomicLong;

/** Session ids {@code s-1}, {@code s-2}, ...: predictable, and the same in two runs. */
public final class CountingSessionIds implements SessionIdGenerator {
  private final AtomicLong last = new AtomicLong();

  @Override
  public SessionId next() {
    return new SessionId("s-" + last.incrementAndGet());
  }
}
