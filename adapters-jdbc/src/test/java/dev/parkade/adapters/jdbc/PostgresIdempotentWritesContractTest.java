package dev.parkade.adapters.jdbc;

import static dev.parkade.domain.port.Fixtures.T0;
import static dev.parkade.domain.port.Fixtures.plate;
import static dev.parkade.domain.port.Fixtures.sessionId;
import static dev.parkade.domain.port.Fixtures.spotIds;
import static dev.parkade.domain.port.Fixtures.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parkade.domain.ParkingSession;
import dev.parkade.domain.StorageUnavailableException;
import dev.parkade.domain.port.IdempotentWrites;
import dev.parkade.domain.port.IdempotentWritesContract;
import dev.parkade.domain.port.KeyedAnswer;
import dev.parkade.domain.port.KeyedRequest;
import dev.parkade.domain.port.NewSession;
import dev.parkade.domain.port.Occupancy;
import dev.parkade.domain.port.WriteOutcome;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.jdbi.v3.core.Handle;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The contract on PostgreSQL, with every race run by two processes: half the racers go through a
 * second pool and adapter on the same database, so only the database can tell them apart.
 */
class PostgresIdempotentWritesContractTest extends IdempotentWritesContract {
  @RegisterExtension static final TestDatabase DATABASE = TestDatabase.postgres();

  private static @Nullable JdbcStorage secondNode;

  @Override
  protected KeyedStorage newStorage(Duration ttl) {
    return IdempotentWritesTests.emptyStorage(DATABASE, ttl);
  }

  @Override
  protected HeldStart holdStart(KeyedStorage storage, KeyedRequest request, NewSession session) {
    return IdempotentWritesTests.holdStart(
        DATABASE,
        storage.keyed(),
        request,
        session,
        "SELECT pg_backend_pid()",
        PostgresIdempotentWritesContractTest::blockedBy);
  }

  static boolean blockedBy(Handle watcher, int holderPid) {
    return watcher
        .createQuery(
            "SELECT EXISTS (SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                + " AND :holder = ANY (pg_blocking_pids(pid)))")
        .bind("holder", holderPid)
        .mapTo(Boolean.class)
        .one();
  }

  @Override
  protected IdempotentWrites racer(KeyedStorage storage, int n) {
    return n % 2 == 0 ? storage.keyed() : secondNode().idempotentWrites(TTL);
  }

  private static synchronized JdbcStorage secondNode() {
    if (secondNode == null) {
      secondNode = DATABASE.anotherNode();
    }
    return secondNode;
  }

  @Test
  void purge_deletesExactlyTheExpiredKeys() {
    IdempotentWritesTests.purgeDeletesExactlyTheExpiredKeys(DATABASE);
  }

  @Test
  void aFailedWrite_leavesTheKeyFree() {
    IdempotentWritesTests.aFailedWriteLeavesTheKeyFree(DATABASE);
  }

  /**
   * A keyed start whose backend dies inside its statement, with the key's lock held and its session
   * written but not committed, leaves nothing: no session, no key, the counts as before, and the
   * lock gone with the backend, so the retry runs.
   */
  @Test
  void keyedStart_whoseBackendIsKilledMidStatement_leavesNoSessionNorKey_andItsRetryRuns()
      throws Exception {
    KeyedStorage storage = IdempotentWritesTests.emptyStorage(DATABASE, TTL);
    storage.ports().spots().add(spotIds(1));
    KeyedRequest request = IdempotentWritesTests.request(1, "crash", T0);

    killMidStatement(
        () -> storage.keyed().start(request, new NewSession(sessionId(1), user(1), plate(1), T0)));

    assertEquals(new Occupancy(1, 1), storage.ports().spots().occupancy());
    assertEquals(Optional.empty(), storage.ports().sessions().find(sessionId(1)));
    assertEquals(0, IdempotentWritesTests.keyRows(DATABASE));
    KeyedAnswer retry =
        storage.keyed().start(request, new NewSession(sessionId(2), user(1), plate(1), T0));
    ParkingSession session =
        assertInstanceOf(
                WriteOutcome.Started.class,
                assertInstanceOf(KeyedAnswer.Fresh.class, retry).outcome())
            .session();
    assertEquals(
        new KeyedAnswer.Replayed(new WriteOutcome.Started(session)),
        storage.keyed().start(request, new NewSession(sessionId(3), user(1), plate(1), T0)));
    assertEquals(1, IdempotentWritesTests.keyRows(DATABASE));
  }

  @Test
  void keyedEnd_whoseBackendIsKilledMidStatement_leavesTheSessionActiveAndNoKey_andItsRetryRuns()
      throws Exception {
    KeyedStorage storage = IdempotentWritesTests.emptyStorage(DATABASE, TTL);
    storage.ports().spots().add(spotIds(1));
    ParkingSession active =
        storage.ports().sessions().start(new NewSession(sessionId(1), user(1), plate(1), T0));
    KeyedRequest request = IdempotentWritesTests.request(1, "crash", T0.plusSeconds(5));

    killMidStatement(() -> storage.keyed().endActiveSessionOf(request, user(1)));

    assertEquals(new Occupancy(1, 0), storage.ports().spots().occupancy());
    assertEquals(Optional.of(active), storage.ports().sessions().activeSessionOf(user(1)));
    assertEquals(0, IdempotentWritesTests.keyRows(DATABASE));
    ParkingSession ended = active.endedAt(T0.plusSeconds(5));
    assertEquals(
        new KeyedAnswer.Fresh(new WriteOutcome.Ended(ended)),
        storage.keyed().endActiveSessionOf(request, user(1)));
    assertEquals(
        new KeyedAnswer.Replayed(new WriteOutcome.Ended(ended)),
        storage.keyed().endActiveSessionOf(request, user(1)));
    assertEquals(new Occupancy(1, 1), storage.ports().spots().occupancy());
  }

  /**
   * Runs {@code write} while every counter stripe is held, so that its one statement stops at its
   * count with everything else written, terminates its backend there, and expects a storage fault.
   */
  private static void killMidStatement(Callable<KeyedAnswer> write) throws Exception {
    ExecutorService writer = Executors.newSingleThreadExecutor();
    try (Handle blocker = DATABASE.jdbi().open();
        Handle watcher = DATABASE.jdbi().open()) {
      int blockerPid = blocker.createQuery("SELECT pg_backend_pid()").mapTo(Integer.class).one();
      blocker.begin();
      blocker.createQuery("SELECT stripe FROM lot_counter FOR UPDATE").mapTo(Integer.class).list();
      try {
        Future<KeyedAnswer> written = writer.submit(write);
        int victim = backendBlockedBy(watcher, blockerPid, written);
        assertTrue(
            watcher
                .createQuery("SELECT pg_terminate_backend(:pid)")
                .bind("pid", victim)
                .mapTo(Boolean.class)
                .one());

        ExecutionException failed =
            assertThrows(ExecutionException.class, () -> written.get(30, TimeUnit.SECONDS));
        assertInstanceOf(StorageUnavailableException.class, failed.getCause());
      } finally {
        blocker.rollback();
      }
    } finally {
      writer.shutdownNow();
    }
  }

  /**
   * The backend waiting on {@code blockerPid}'s locks: asked of the activity view until it shows.
   */
  private static int backendBlockedBy(Handle watcher, int blockerPid, Future<?> start) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline && !start.isDone()) {
      Optional<Integer> waiting =
          watcher
              .createQuery(
                  "SELECT pid FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                      + " AND :blocker = ANY (pg_blocking_pids(pid)) LIMIT 1")
              .bind("blocker", blockerPid)
              .mapTo(Integer.class)
              .findOne();
      if (waiting.isPresent()) {
        return waiting.get();
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
    }
    throw new AssertionError("no keyed start came to wait on the held counter stripes");
  }
}
