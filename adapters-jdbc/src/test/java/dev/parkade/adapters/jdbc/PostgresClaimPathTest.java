package dev.parkade.adapters.jdbc;

import static dev.parkade.domain.port.Fixtures.T0;
import static dev.parkade.domain.port.Fixtures.plate;
import static dev.parkade.domain.port.Fixtures.sessionId;
import static dev.parkade.domain.port.Fixtures.spotIds;
import static dev.parkade.domain.port.Fixtures.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.parkade.domain.ParkingSession;
import dev.parkade.domain.StorageUnavailableException;
import dev.parkade.domain.port.NewSession;
import dev.parkade.domain.port.Occupancy;
import dev.parkade.domain.port.StoragePorts;
import java.util.List;
import java.util.Optional;
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
  void start_whoseConnectionIsKilledMidway_leavesNoHalfSession_andTheNextStartSucceeds() {
    StoragePorts storage = DATABASE.emptyStorage();
    storage.spots().add(spotIds(1));
    // A start whose backend is terminated by another session once it has claimed the spot and
    // written the session, before it commits.
    JdbcParkingLot doomed =
        new JdbcParkingLot(
            DATABASE.jdbi(),
            claiming -> {
              int pid = claiming.createQuery("SELECT pg_backend_pid()").mapTo(Integer.class).one();
              DATABASE
                  .jdbi()
                  .useHandle(
                      admin ->
                          admin
                              .createQuery("SELECT pg_terminate_backend(:pid)")
                              .bind("pid", pid)
                              .mapTo(Boolean.class)
                              .one());
            });

    assertThrows(
        StorageUnavailableException.class,
        () -> doomed.start(new NewSession(sessionId(1), user(1), plate(1), T0)));

    assertEquals(new Occupancy(1, 1), storage.spots().occupancy());
    assertEquals(Optional.empty(), storage.sessions().activeSessionOf(user(1)));
    assertEquals(Optional.empty(), storage.sessions().find(sessionId(1)));
    assertEquals(spotIds(1), storage.spots().freeSpots(10));
    ParkingSession next =
        storage.sessions().start(new NewSession(sessionId(2), user(1), plate(1), T0));
    assertEquals(spotIds(1).get(0), next.spotId());
    assertEquals(List.of(next), storage.sessions().activeSessions(Optional.empty(), 10));
  }
}
