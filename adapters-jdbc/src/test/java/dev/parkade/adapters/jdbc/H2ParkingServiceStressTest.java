package dev.parkade.adapters.jdbc;

import dev.parkade.application.ParkingServiceStress;
import dev.parkade.domain.port.StoragePorts;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The stress test on H2, scaled to what a database does on two cores, still fought over. */
class H2ParkingServiceStressTest extends ParkingServiceStress {
  @RegisterExtension static final TestDatabase DATABASE = TestDatabase.h2();

  @Override
  protected StoragePorts newStorage() {
    return DATABASE.emptyStorage();
  }

  @Override
  protected int threads() {
    return 16;
  }

  @Override
  protected int operations() {
    return 40_000;
  }
}
