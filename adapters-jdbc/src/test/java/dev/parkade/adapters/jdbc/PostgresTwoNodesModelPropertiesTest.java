package dev.parkade.adapters.jdbc;

import dev.parkade.application.ParkingServiceModelProperties;
import dev.parkade.domain.port.IdempotentWrites;
import dev.parkade.domain.port.StoragePorts;
import java.time.Duration;
import java.util.Optional;
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

  @Override
  protected Optional<IdempotentWrites> keyedWrites(StoragePorts storage) {
    return Optional.of(((TwoNodes) storage.sessions()).keyed(Duration.ofHours(24)));
  }
}
