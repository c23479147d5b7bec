package dev.parkade.bootstrap;

import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoMap;
import dev.parkade.adapters.inmemory.InMemoryIdempotentWrites;
import dev.parkade.adapters.inmemory.InMemoryParkingLot;
import dev.parkade.domain.port.IdempotentWrites;
import dev.parkade.domain.port.SessionStore;
import dev.parkade.domain.port.SpotInventory;

/** {@code --storage memory}: nothing survives the process. */
@Module
interface InMemoryStorageModule {
  @Provides
  @IntoMap
  @StorageKey(StorageKind.MEMORY)
  static Storage memory(ServerSettings settings) {
    InMemoryParkingLot lot = new InMemoryParkingLot();
    InMemoryIdempotentWrites keyed = new InMemoryIdempotentWrites(lot, settings.idempotencyTtl());
    return new Storage() {
      @Override
      public SessionStore sessions() {
        return lot;
      }

      @Override
      public SpotInventory spots() {
        return lot;
      }

      @Override
      public IdempotentWrites idempotentWrites() {
        return keyed;
      }

      @Override
      public long droppedKeys() {
        return keyed.droppedKeys();
      }

      @Override
      public boolean isReady() {
        return true;
      }

      @Override
      public void close() {}
    };
  }
}
