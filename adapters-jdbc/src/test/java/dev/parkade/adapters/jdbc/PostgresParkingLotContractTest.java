package dev.parkade.adapters.jdbc;

import dev.parkade.domain.port.StoragePorts;
import dev.parkade.domain.port.StoragePortsContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresParkingLotContractTest extends StoragePortsContract {
  @RegisterExtension static final TestDatabase DATABASE = TestDatabase.postgres();

  @Override
  protected StoragePorts newStorage() {
    return DATABASE.emptyStorage();
  }
}
