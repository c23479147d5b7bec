package dev.parkade.application;

import dev.parkade.domain.port.HeldChanges;
import dev.parkade.domain.port.IdempotentWritesContract;
import dev.parkade.domain.port.KeyedRequest;
import dev.parkade.domain.port.NewSession;
import dev.parkade.domain.port.StoragePorts;
import java.time.Duration;

/** The model of keyed writes keeps the contract that the adapters keep. */
class ReferenceIdempotentWritesContractTest extends IdempotentWritesContract {

  private final HeldChanges held = new HeldChanges();

  @Override
  protected KeyedStorage newStorage(Duration ttl) {
    ReferenceParkingLot lot = new ReferenceParkingLot();
    return new KeyedStorage(
        StoragePorts.of(lot), new ReferenceIdempotentWrites(lot, ttl, held::around));
  }

  @Override
  protected HeldStart holdStart(KeyedStorage storage, KeyedRequest request, NewSession session)
      throws Exception {
    return held.hold(() -> storage.keyed().start(request, session));
  }
}
