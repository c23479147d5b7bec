package dev.parkade.bootstrap;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Stops {@code serve} cleanly on SIGTERM or SIGINT at any instant, start-up included: a requested
 * stop is exit status 0, not 143.
 *
 * <p>It is installed before anything is opened. A signal during start-up lets start-up run to its
 * end (a migration is never cut in half), then stops what was started. That is why the embedded H2
 * database is opened without H2's own shutdown hook: it would close the database under a migration
 * still running.
 */
final class StopOnSignal {
  /** Start-up that hangs (a database that never answers) is not waited for without end. */
  private static final Duration START_UP_WAIT = Duration.ofSeconds(30);

  private final CountDownLatch startUpOver = new CountDownLatch(1);
  private final Thread hook = new Thread(this::stop, "parkade-shutdown");
  private volatile @Nullable ParkadeServer server;
  private volatile boolean requested;

  static StopOnSignal install() {
    StopOnSignal stop = new StopOnSignal();
    Runtime.getRuntime().addShutdownHook(stop.hook);
    return stop;
  }

  /** Whether a stop has been asked for: start-up then goes no further than it must. */
  boolean requested() {
    return requested;
  }

  /** Start-up is over with this server built (started or not): a stop now stops it. */
  void startUpOver(ParkadeServer built) {
    server = built;
    startUpOver.countDown();
  }

  /**
   * Start-up failed. When no stop was asked for, the hook is taken away so that the failure's own
   * exit status stands; when one was, the failure is the stop's doing and the stop exits 0.
   *
   * @return whether the failure should be reported
   */
  boolean startUpFailed() {
    startUpOver.countDown();
    try {
      return Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shutdownInProgress) {
      return false;
    }
  }

  private void stop() {
    requested = true;
    try {
      if (startUpOver.await(START_UP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        ParkadeServer built = server;
        if (built != null) {
          built.stop();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    LoggingSetup.drain();
    System.out.flush();
    Runtime.getRuntime().halt(0);
  }
}
