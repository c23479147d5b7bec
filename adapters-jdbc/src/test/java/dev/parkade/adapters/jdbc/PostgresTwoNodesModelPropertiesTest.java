package dev.parkade.adapters.jdbc;

import dev.parkade.application.ParkingServiceModelProperties;
import dev.parkade.domain.port.StoragePorts;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The property test on PostgreSQL, each call going to one of two nodes at random. */
class PostgresTwoNodesModelPropertiesTest extends ParkingServiceModelProperties {
  @RegisterExtension static final TestDatabase DATABASE = TestDatabase.postgres();

  @Override
  protected StoragePorts newStorage() {
    return DATABASE.emptyTwoNodes();
  }

  @Override
  protected int cases() {
    return 100; // each step is a transaction on a real server
  }
}
