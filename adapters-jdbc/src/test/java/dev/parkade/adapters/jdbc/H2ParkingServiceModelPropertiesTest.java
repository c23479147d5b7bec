package dev.parkade.adapters.jdbc;

import dev.parkade.application.ParkingServiceModelProperties;
import dev.parkade.domain.port.IdempotentWrites;
import dev.parkade.domain.port.StoragePorts;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.extension.RegisterExtension;

class H2ParkingServiceModelPropertiesTest extends ParkingServiceModelProperties {
  @RegisterExtension static final TestDatabase DATABASE = TestDatabase.h2();

  @Override
  protected StoragePorts newStorage() {
    return DATABASE.emptyStorage();
  }

  @Override
  protected int cases() {
    return 150; // each step is a transaction
  }

  @Override
  protected Optional<IdempotentWrites> keyedWrites(StoragePorts storage) {
    return Optional.of(
        ((JdbcParkingLot) storage.sessions()).idempotentWrites(Duration.ofHours(24)));
  }
}
