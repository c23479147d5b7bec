package dev.parkade.adapters.jdbc;

import static dev.parkade.domain.port.Fixtures.T0;
import static dev.parkade.domain.port.Fixtures.plate;
import static dev.parkade.domain.port.Fixtures.sessionId;
import static dev.parkade.domain.port.Fixtures.spotIds;
import static dev.parkade.domain.port.Fixtures.user;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.parkade.domain.Fingerprint;
import dev.parkade.domain.IdempotencyKey;
import dev.parkade.domain.ParkingFailure;
import dev.parkade.domain.StorageUnavailableException;
import dev.parkade.domain.port.IdempotentWrites;
import dev.parkade.domain.port.IdempotentWritesContract.HeldStart;
import dev.parkade.domain.port.IdempotentWritesContract.KeyedStorage;
import dev.parkade.domain.port.KeyedAnswer;
import dev.parkade.domain.port.KeyedRequest;
import dev.parkade.domain.port.NewSession;
import dev.parkade.domain.port.Occupancy;
import dev.parkade.domain.port.StoragePorts;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.jdbi.v3.core.Handle;

/** What the keyed-write tests of both databases share: fresh storage and a held start. */
final class IdempotentWritesTests {
  static final Duration TTL = Duration.ofHours(24);

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

  static KeyedRequest request(int caller, String key, Instant at) {
    return new KeyedRequest(
        user(caller),
        new IdempotencyKey(key),
        Fingerprint.of("POST", "/api/v1/sessions", ("{\"n\":" + caller + "}").getBytes(UTF_8)),
        at);
  }

  /**
   * The purge deletes exactly the keys created at or before {@code now - ttl}, at most {@code max}
   * a call, and leaves the sessions alone.
   */
  static void purgeDeletesExactlyTheExpiredKeys(TestDatabase database) {
    KeyedStorage storage = emptyStorage(database, TTL);
    IdempotentWrites keyed = storage.keyed();
    storage.ports().spots().add(spotIds(5));
    for (int driver = 1; driver <= 3; driver++) {
      assertInstanceOf(
          KeyedAnswer.Fresh.class,
          keyed.start(
              request(driver, "old", T0),
              new NewSession(sessionId(driver), user(driver), plate(driver), T0)));
    }
    keyed.refuse(request(9, "refused", T0.plusSeconds(1)), ParkingFailure.SESSION_NOT_FOUND);
    Instant later = T0.plus(TTL);
    keyed.start(request(4, "live", later), new NewSession(sessionId(4), user(4), plate(4), later));
    assertEquals(5, keyRows(database));

    assertEquals(0, keyed.purgeExpired(later, 0));
    assertEquals(3, keyed.purgeExpired(later, 10));
    assertEquals(2, keyRows(database));
    assertEquals(1, keyed.purgeExpired(later.plusSeconds(1), 1));
    assertEquals(0, keyed.purgeExpired(later.plusSeconds(1), 1));
    assertEquals(1, keyRows(database));
    assertEquals(new Occupancy(5, 1), storage.ports().spots().occupancy());
  }

  /** A start that fails for a session id taken already leaves no key row: its retry runs. */
  static void aFailedWriteLeavesTheKeyFree(TestDatabase database) {
    KeyedStorage storage = emptyStorage(database, TTL);
    storage.ports().spots().add(spotIds(2));
    storage.ports().sessions().start(new NewSession(sessionId(1), user(2), plate(2), T0));
    KeyedRequest request = request(1, "k", T0);

    assertThrows(
        StorageUnavailableException.class,
        () -> storage.keyed().start(request, new NewSession(sessionId(1), user(1), plate(1), T0)));

    assertEquals(0, keyRows(database));
    assertEquals(new Occupancy(2, 1), storage.ports().spots().occupancy());
    assertInstanceOf(
        KeyedAnswer.Fresh.class,
        storage.keyed().start(request, new NewSession(sessionId(3), user(1), plate(1), T0)));
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
