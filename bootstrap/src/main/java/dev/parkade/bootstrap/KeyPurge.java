package dev.parkade.bootstrap;

import dev.parkade.domain.StorageUnavailableException;
import dev.parkade.domain.port.IdempotentWrites;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forgets expired idempotency keys on a daemon thread, in small batches with a pause between them,
 * so that a purge is never one long transaction and never holds a writer up. Every node of a shared
 * database purges; each batch skips the rows another node is purging.
 */
final class KeyPurge implements AutoCloseable {
  static final int BATCH = 1_000;
  private static final Duration LONGEST_PERIOD = Duration.ofSeconds(60);
  private static final Duration PAUSE = Duration.ofMillis(10);
  private static final Logger LOG = LoggerFactory.getLogger(KeyPurge.class);

  private final IdempotentWrites keys;
  private final Clock clock;
  private final AtomicLong purged = new AtomicLong();
  private final ScheduledExecutorService thread =
      Executors.newSingleThreadScheduledExecutor(
          run -> {
            Thread t = new Thread(run, "parkade-key-purge");
            t.setDaemon(true);
            return t;
          });

  KeyPurge(IdempotentWrites keys, Clock clock) {
    this.keys = keys;
    this.clock = clock;
  }

  /**
   * Purges every tenth of the keys' lifetime, at most a minute apart, so that a key outlives its
   * lifetime by a tenth of it at most.
   */
  void start(Duration ttl) {
    Duration tenth = ttl.dividedBy(10);
    long period = (tenth.compareTo(LONGEST_PERIOD) < 0 ? tenth : LONGEST_PERIOD).toMillis();
    // purgeSafely catches every failure of a round, so the schedule's future never holds one
    var unused =
        thread.scheduleWithFixedDelay(this::purgeSafely, period, period, TimeUnit.MILLISECONDS);
  }

  /** Keys forgotten since the server started. */
  long purged() {
    return purged.get();
  }

  /** Purges batch after batch until one comes back short; answers how many keys it forgot. */
  int purgeNow() throws InterruptedException {
    int total = 0;
    for (int batch = BATCH; batch == BATCH; ) {
      batch = keys.purgeExpired(clock.instant(), BATCH);
      total += batch;
      purged.addAndGet(batch);
      if (batch == BATCH) {
        Thread.sleep(PAUSE.toMillis()); // leave the database to the writers between batches
      }
    }
    return total;
  }

  private void purgeSafely() {
    try {
      purgeNow();
    } catch (StorageUnavailableException e) {
      LOG.warn("could not purge expired idempotency keys: {}", e.getMessage());
    } catch (RuntimeException e) {
      LOG.error("purging expired idempotency keys failed", e); // the next round tries again
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    thread.shutdownNow();
  }
}
