package dev.parkade.adapters.inmemory;

import dev.parkade.domain.port.StoragePorts;
import dev.parkade.domain.port.StoragePortsContract;

class InMemoryParkingLotContractTest extends StoragePortsContract {
  @Override
  protected StoragePorts newStorage() {
    return StoragePorts.of(new InMemoryParkingLot());
  }
}
