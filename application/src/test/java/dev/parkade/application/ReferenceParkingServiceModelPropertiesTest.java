package dev.parkade.application;

import dev.parkade.domain.port.IdempotentWrites;
import dev.parkade.domain.port.StoragePorts;
import java.time.Duration;
import java.util.Optional;

/** The property test's own harness, run over the model on both sides: what it says must hold. */
class ReferenceParkingServiceModelPropertiesTest extends ParkingServiceModelProperties {
  @Override
  protected StoragePorts newStorage() {
    return StoragePorts.of(new ReferenceParkingLot());
  }

  @Override
  protected Optional<IdempotentWrites> keyedWrites(StoragePorts storage) {
    return Optional.of(
        new ReferenceIdempotentWrites(
            (ReferenceParkingLot) storage.sessions(), Duration.ofHours(24)));
  }

  @Override
  protected int cases() {
    return 100;
  }
}
