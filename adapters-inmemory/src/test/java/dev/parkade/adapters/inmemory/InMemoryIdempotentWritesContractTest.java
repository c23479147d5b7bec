package dev.parkade.adapters.inmemory;

import dev.parkade.domain.port.HeldChanges;
import dev.parkade.domain.port.IdempotentWritesContract;
import dev.parkade.domain.port.KeyedRequest;
import dev.parkade.domain.port.NewSession;
import dev.parkade.domain.port.StoragePorts;
import java.time.Duration;

class InMemoryIdempotentWritesContractTest extends IdempotentWritesContract {

  private final HeldChanges held = new HeldChanges();

  @Override
  protected KeyedStorage newStorage(Duration ttl) {
    InMemoryParkingLot lot = new InMemoryParkingLot();
    return new KeyedStorage(
        StoragePorts.of(lot),
        new InMemoryIdempotentWrites(lot, ttl, KeyTable.DEFAULT_CAPACITY, held::around));
  }

  @Override
  protected HeldStart holdStart(KeyedStorage storage, KeyedRequest request, NewSession session)
      throws Exception {
    return held.hold(() -> storage.keyed().start(request, session));
  }
}
