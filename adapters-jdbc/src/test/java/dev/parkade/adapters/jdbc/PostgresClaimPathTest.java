package dev.parkade.adapters.jdbc;

import static dev.parkade.domain.port.Fixtures.T0;
import static dev.parkade.domain.port.Fixtures.plate;
import static dev.parkade.domain.port.Fixtures.sessionId;
import static dev.parkade.domain.port.Fixtures.spotIds;
import static dev.parkade.domain.port.Fixtures.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.parkade.domain.ParkingSession;
import dev.parkade.domain.StorageUnavailableException;
import dev.parkade.domain.port.NewSession;
import dev.parkade.domain.port.Occupancy;
import dev.parkade.domain.port.StoragePorts;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
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
    try (Handle blocker = DATABASE.jdbi().open()) {
      // Holding every counter stripe stops the start's one statement at its last step, once it has
      // claimed the spot and written the session; its backend is terminated there.
      blocker.begin();
      blocker.createQuery("SELECT stripe FROM lot_counter FOR UPDATE").mapTo(Integer.class).list();
      CompletableFuture<ParkingSession> start =
          CompletableFuture.supplyAsync(
              () -> storage.sessions().start(new NewSession(sessionId(1), user(1), plate(1), T0)));

      int waiting = backendBlockedBy(blocker);
      blocker
          .createQuery("SELECT pg_terminate_backend(:pid)")
          .bind("pid", waiting)
          .mapTo(Boolean.class)
          .one();

      ExecutionException failed = assertThrows(ExecutionException.class, start::get);
      assertInstanceOf(StorageUnavailableException.class, failed.getCause());
      blocker.rollback();
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

  /**
   * The server process of the statement waiting on a lock that {@code blocker} holds. The wait
   * happens inside PostgreSQL, where no latch can see it, so its activity view is asked until it
   * shows (within seconds, or the test fails).
   */
  private static int backendBlockedBy(Handle blocker) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      Optional<Integer> waiting =
          blocker
              .createQuery(
                  "SELECT pid FROM pg_stat_activity"
                      + " WHERE pg_backend_pid() = ANY (pg_blocking_pids(pid)) LIMIT 1")
              .mapTo(Integer.class)
              .findOne();
      if (waiting.isPresent()) {
        return waiting.get();
      }
      Thread.onSpinWait();
    }
    throw new AssertionError("no start came to wait on the held counter stripes");
  }
}
