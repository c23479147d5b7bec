package dev.parkade.adapters.jdbc;

import dev.parkade.domain.port.IdempotentWrites;
import dev.parkade.domain.port.IdempotentWritesContract.HeldStart;
import dev.parkade.domain.port.IdempotentWritesContract.KeyedStorage;
import dev.parkade.domain.port.KeyedAnswer;
import dev.parkade.domain.port.KeyedRequest;
import dev.parkade.domain.port.NewSession;
import dev.parkade.domain.port.StoragePorts;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.jdbi.v3.core.Handle;

/** What the keyed-write tests of both databases share: fresh storage and a held start. */
final class IdempotentWritesTests {
  private IdempotentWritesTests() {}

  /** Whether a session other than the holder's waits on a lock that the holder has. */
  @FunctionalInterface
  interface Blocked {
    boolean by(Handle watcher, int holder);
  }

  static KeyedStorage emptyStorage(TestDatabase database, Duration ttl) {
    StoragePorts ports = database.emptyStorage();
    return new KeyedStorage(ports, database.storage().idempotentWrites(ttl));
  }

  /** The number of key rows, read outside the adapter. */
  static long keyRows(TestDatabase database) {
    return database
        .jdbi()
        .withHandle(
            h -> h.createQuery("SELECT COUNT(*) FROM idempotency_key").mapTo(Long.class).one());
  }

  /**
   * Holds every {@code lot_counter} row in a transaction of its own, so that a keyed start stops at
   * its count, inside its transaction; returns once the database shows it waiting on the holder.
   */
  static HeldStart holdStart(
      TestDatabase database,
      IdempotentWrites keyed,
      KeyedRequest request,
      NewSession session,
      String holderIdQuery,
      Blocked blocked) {
    Handle holder = database.jdbi().open();
    Handle watcher = database.jdbi().open();
    ExecutorService starter = Executors.newSingleThreadExecutor();
    Future<KeyedAnswer> start;
    try {
      int holderId = holder.createQuery(holderIdQuery).mapTo(Integer.class).one();
      holder.begin();
      holder.createQuery("SELECT stripe FROM lot_counter FOR UPDATE").mapTo(Integer.class).list();
      start = starter.submit(() -> keyed.start(request, session));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (!blocked.by(watcher, holderId)) {
        if (System.nanoTime() > deadline || start.isDone()) {
          throw new AssertionError("the keyed start never waited on the held counters");
        }
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
      }
    } catch (RuntimeException | Error e) {
      holder.rollback();
      holder.close();
      watcher.close();
      starter.shutdownNow();
      throw e;
    }
    return () -> {
      try {
        holder.commit();
        return start.get(30, TimeUnit.SECONDS);
      } finally {
        holder.close();
        watcher.close();
        starter.shutdownNow();
      }
    };
  }
}
