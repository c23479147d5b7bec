package dev.parkade.adapters.inmemory;

import dev.parkade.application.ParkingServiceModelProperties;
import dev.parkade.domain.port.StoragePorts;

class InMemoryParkingServiceModelPropertiesTest extends ParkingServiceModelProperties {
  @Override
  protected StoragePorts newStorage() {
    return StoragePorts.of(new InMemoryParkingLot());
  }
}
