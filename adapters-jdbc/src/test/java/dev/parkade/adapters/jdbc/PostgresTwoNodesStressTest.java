package dev.parkade.adapters.jdbc;

import dev.parkade.application.ParkingServiceStress;
import dev.parkade.domain.port.StoragePorts;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two server nodes, each with its own connection pool, on one PostgreSQL database, hammered at once
 * by many threads whose every call goes to either node: the invariants must hold across them and
 * every loser must get a clean domain refusal.
 */
class PostgresTwoNodesStressTest extends ParkingServiceStress {
  @RegisterExtension static final TestDatabase DATABASE = TestDatabase.postgres();

  @Override
  protected StoragePorts newStorage() {
    return DATABASE.emptyTwoNodes();
  }

  @Override
  protected int threads() {
    return 24;
  }

  @Override
  protected int operations() {
    return 24_000;
  }
}
