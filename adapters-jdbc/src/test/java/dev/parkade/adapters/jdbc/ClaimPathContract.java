package dev.parkade.adapters.jdbc;

import static dev.parkade.domain.port.Fixtures.T0;
import static dev.parkade.domain.port.Fixtures.plate;
import static dev.parkade.domain.port.Fixtures.sessionId;
import static dev.parkade.domain.port.Fixtures.spotIds;
import static dev.parkade.domain.port.Fixtures.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parkade.domain.ParkingSession;
import dev.parkade.domain.StorageUnavailableException;
import dev.parkade.domain.port.NewSession;
import dev.parkade.domain.port.Occupancy;
import dev.parkade.domain.port.StoragePorts;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;
import org.junit.jupiter.api.Test;

/** How the claim path behaves on a real database, whichever it is. */
abstract class ClaimPathContract {

  abstract TestDatabase database();

  /** Makes the next lock wait of this transaction fail fast instead of waiting. */
  abstract void failLockWaitsQuickly(Handle transaction);

  @Test
  void start_whenFirstFreeSpotIsLockedElsewhere_takesTheNextWithoutWaiting() throws Exception {
    StoragePorts storage = database().emptyStorage();
    storage.spots().add(spotIds(2));
    ExecutorService starter = Executors.newSingleThreadExecutor();
    try (Handle holder = database().jdbi().open()) {
      holder.begin();
      // Another start in flight holds the first free spot's row lock.
      assertEquals(
          "L1-001",
          holder
              .createQuery("SELECT id FROM spot WHERE id = 'L1-001' AND free = TRUE FOR UPDATE")
              .mapTo(String.class)
              .one());

      Future<ParkingSession> started =
          starter.submit(
              () -> storage.sessions().start(new NewSession(sessionId(1), user(1), plate(1), T0)));

      // A claim that waited for the lock would never finish while the holder keeps it.
      assertEquals(spotIds(2).get(1), started.get(60, TimeUnit.SECONDS).spotId());

      // The same claim without SKIP LOCKED waits for that lock: made to fail instead of waiting.
      try (Handle waiter = database().jdbi().open()) {
        waiter.begin();
        failLockWaitsQuickly(waiter);
        JdbiException waited =
            assertThrows(
                JdbiException.class,
                () ->
                    waiter
                        .createQuery("SELECT id FROM spot WHERE id = 'L1-001' FOR UPDATE")
                        .mapTo(String.class)
                        .one());
        assertTrue(
            Set.of("55P03", "HYT00").contains(SqlFaults.sqlState(waited)),
            () -> "expected a lock timeout, got " + waited);
        waiter.rollback();
      }
      holder.rollback();
    } finally {
      starter.shutdownNow();
    }
  }

  @Test
  void closedStorage_failsAsStorageUnavailable_neverWithRawSqlErrors() {
    JdbcStorage node = database().anotherNode();
    node.close();

    assertThrows(StorageUnavailableException.class, () -> node.lot().occupancy());
    assertThrows(
        StorageUnavailableException.class,
        () -> node.lot().start(new NewSession(sessionId(2), user(2), plate(2), T0)));
    assertEquals(false, node.isReachable());
  }

  @Test
  void storageWithAPoolOfOneConnection_migratesAndServes() {
    // Flyway once waited on itself for a second connection from a pool of one.
    try (JdbcStorage single = JdbcStorage.open(database().settings().withPoolSize(1))) {
      assertTrue(single.isReachable());
      single.lot().occupancy();
    }
  }

  @Test
  void openStorage_isReachable_andCountsNothingWhenEmpty() {
    StoragePorts storage = database().emptyStorage();
    assertEquals(new Occupancy(0, 0), storage.spots().occupancy());
  }
}
