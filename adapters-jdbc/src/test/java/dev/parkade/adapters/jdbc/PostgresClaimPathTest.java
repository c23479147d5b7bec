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
import dev.parkade.domain.port.NewSession;
import dev.parkade.domain.port.Occupancy;
import dev.parkade.domain.port.StoragePorts;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresClaimPathTest extends ClaimPathContract {
  @RegisterExtension static final TestDatabase DATABASE = TestDatabase.postgres();

  @Override
  TestDatabase database() {
    return DATABASE;
  }

  @Override
  void failLockWaitsQuickly(Handle transaction) {
    transaction.execute("SET LOCAL lock_timeout = '100ms'");
  }

  @Test
  void start_whoseBackendIsKilledMidStatement_leavesNoHalfSession_andTheNextStartSucceeds()
      throws Exception {
    StoragePorts storage = DATABASE.emptyStorage();
    storage.spots().add(spotIds(1));
    ExecutorService starter = Executors.newSingleThreadExecutor();
    try (Handle blocker = DATABASE.jdbi().open();
        Handle watcher = DATABASE.jdbi().open()) {
      // Holding every counter stripe stops the start's one statement at its last step, once it has
      // claimed the spot and written the session; its backend is terminated there.
      int blockerPid = blocker.createQuery("SELECT pg_backend_pid()").mapTo(Integer.class).one();
      blocker.begin();
      blocker.createQuery("SELECT stripe FROM lot_counter FOR UPDATE").mapTo(Integer.class).list();
      try {
        Future<ParkingSession> start =
            starter.submit(
                () ->
                    storage.sessions().start(new NewSession(sessionId(1), user(1), plate(1), T0)));

        int victim = backendBlockedBy(watcher, blockerPid);
        assertTrue(
            watcher
                .createQuery(
                    "SELECT backend_xid IS NOT NULL FROM pg_stat_activity WHERE pid = :pid")
                .bind("pid", victim)
                .mapTo(Boolean.class)
                .one(),
            "the blocked start has written nothing yet");
        assertTrue(
            watcher
                .createQuery("SELECT pg_terminate_backend(:pid)")
                .bind("pid", victim)
                .mapTo(Boolean.class)
                .one());

        ExecutionException failed =
            assertThrows(ExecutionException.class, () -> start.get(30, TimeUnit.SECONDS));
        assertInstanceOf(StorageUnavailableException.class, failed.getCause());
      } finally {
        blocker.rollback();
      }
    } finally {
      starter.shutdownNow();
    }

    assertEquals(new Occupancy(1, 1), storage.spots().occupancy());
    assertEquals(Optional.empty(), storage.sessions().activeSessionOf(user(1)));
    assertEquals(Optional.empty(), storage.sessions().find(sessionId(1)));
    assertEquals(spotIds(1), storage.spots().freeSpots(10));
    ParkingSession next =
        storage.sessions().start(new NewSession(sessionId(2), user(1), plate(1), T0));
    assertEquals(spotIds(1).get(0), next.spotId());
    assertEquals(List.of(next), storage.sessions().activeSessions(Optional.empty(), 10));
  }

  @Test
  void aDataSourceWhoseConnectionsDoNotAutoCommit_isRefusedUpFront() {
    JdbcSettings settings = DATABASE.settings();
    Jdbi manual =
        Jdbi.create(
            () -> {
              Connection connection =
                  DriverManager.getConnection(settings.url(), settings.user(), settings.password());
              connection.setAutoCommit(false);
              return connection;
            });

    IllegalArgumentException refused =
        assertThrows(IllegalArgumentException.class, () -> new JdbcParkingLot(manual));
    assertEquals(
        "the data source's connections must start in autocommit mode; writes would never commit",
        refused.getMessage());
  }

  /**
   * The server process of the statement waiting on a lock that {@code blockerPid} holds. The wait
   * happens inside PostgreSQL, where no latch can see it, so its activity view is asked, outside
   * any transaction (which would freeze the view), until it shows: within seconds, or the test
   * fails.
   */
  private static int backendBlockedBy(Handle watcher, int blockerPid) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      Optional<Integer> waiting =
          watcher
              .createQuery(
                  "SELECT pid FROM pg_stat_activity"
                      + " WHERE :blocker = ANY (pg_blocking_pids(pid)) LIMIT 1")
              .bind("blocker", blockerPid)
              .mapTo(Integer.class)
              .findOne();
      if (waiting.isPresent()) {
        return waiting.get();
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
    }
    throw new AssertionError("no start came to wait on the held counter stripes");
  }
}
