package dev.parkade.adapters.inmemory;

/**
 * How a writer waits for another writer of the same user, plate or spot to finish the few steps
 * between its claim and its commit. Spins briefly, then yields so that on a machine with fewer
 * cores than threads the writer being waited on gets to run.
 */
final class Backoff {
  private static final int SPINS_BEFORE_YIELD = 64;

  private Backoff() {}

  /** Pauses once; returns the count to pass to the next pause. */
  @SuppressWarnings("ThreadPriorityCheck") // yielding is the point: the writer waited on must run
  static int pause(int pausesSoFar) {
    if (pausesSoFar < SPINS_BEFORE_YIELD) {
      Thread.onSpinWait();
    } else {
      Thread.yield();
    }
    return pausesSoFar + 1;
  }
}
