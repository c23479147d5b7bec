package dev.parkade.application;

import dev.parkade.domain.port.StoragePorts;
import dev.parkade.domain.port.StoragePortsContract;

/** The model itself keeps the contract that adapters are compared against. */
class ReferenceParkingLotContractTest extends StoragePortsContract {
  @Override
  protected StoragePorts newStorage() {
    return StoragePorts.of(new ReferenceParkingLot());
  }
}
