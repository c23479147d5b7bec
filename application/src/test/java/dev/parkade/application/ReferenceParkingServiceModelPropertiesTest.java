package dev.parkade.application;

import dev.parkade.domain.port.StoragePorts;

/** The property test's own harness, run over the model on both sides: what it says must hold. */
class ReferenceParkingServiceModelPropertiesTest extends ParkingServiceModelProperties {
  @Override
  protected StoragePorts newStorage() {
    return StoragePorts.of(new ReferenceParkingLot());
  }

  @Override
  protected int cases() {
    return 100;
  }
}
