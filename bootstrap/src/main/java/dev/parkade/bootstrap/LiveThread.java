package dev.parkade.bootstrap;

import dev.parkade.application.LivePublisher;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.inject.Inject;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the live publisher's ticks on a daemon thread of their own, and logs a tick that fails. */
final class LiveThread implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LiveThread.class);

  private final LivePublisher publisher;
  private final Clock clock;
  private @Nullable ScheduledExecutorService thread;

  @Inject
  LiveThread(LivePublisher publisher, Clock clock) {
    this.publisher = publisher;
    this.clock = clock;
  }

  synchronized void start() {
    if (thread != null) {
      return;
    }
    publisher.listen();
    ScheduledExecutorService ticks =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "parkade-live");
              t.setDaemon(true);
              return t;
            });
    long period = publisher.timing().tick().toMillis();
    // tick catches every failure, so the schedule's future never holds one
    var unused = ticks.scheduleWithFixedDelay(this::tick, 0, period, TimeUnit.MILLISECONDS);
    thread = ticks;
  }

  private void tick() {
    try {
      publisher.tick(clock.instant());
    } catch (RuntimeException e) {
      // Storage that fails now may answer at the next tick, which reads every facility again.
      publisher.failed();
      LOG.warn("live events: a tick failed; every facility is read again at the next", e);
    } catch (Error e) {
      LOG.error("live events: stopped by an error; streams get no more events", e);
      throw e;
    }
  }

  @Override
  public synchronized void close() {
    if (thread != null) {
      thread.shutdownNow();
      thread = null;
    }
    publisher.close();
  }
}
