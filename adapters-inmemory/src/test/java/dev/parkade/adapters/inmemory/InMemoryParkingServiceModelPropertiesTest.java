package dev.parkade.adapters.inmemory;

import dev.parkade.application.ParkingServiceModelProperties;
import dev.parkade.domain.port.IdempotentWrites;
import dev.parkade.domain.port.StoragePorts;
import java.time.Duration;
import java.util.Optional;

class InMemoryParkingServiceModelPropertiesTest extends ParkingServiceModelProperties {
  @Override
  protected StoragePorts newStorage() {
    return StoragePorts.of(new InMemoryParkingLot());
  }

  @Override
  protected Optional<IdempotentWrites> keyedWrites(StoragePorts storage) {
    return Optional.of(
        new InMemoryIdempotentWrites(
            (InMemoryParkingLot) storage.sessions(), Duration.ofHours(24)));
  }
}
