package dev.parkade.adapters.inmemory;

import dev.parkade.application.ParkingServiceStress;
import dev.parkade.domain.port.StoragePorts;

class InMemoryParkingServiceStressTest extends ParkingServiceStress {
  @Override
  protected StoragePorts newStorage() {
    return StoragePorts.of(new InMemoryParkingLot());
  }
}
