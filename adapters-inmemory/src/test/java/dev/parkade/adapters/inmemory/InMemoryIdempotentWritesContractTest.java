package dev.parkade.adapters.inmemory;

import dev.parkade.domain.port.IdempotentWritesContract;
import dev.parkade.domain.port.KeyedAnswer;
import dev.parkade.domain.port.KeyedRequest;
import dev.parkade.domain.port.NewSession;
import dev.parkade.domain.port.StoragePorts;
import dev.parkade.domain.port.WriteOutcome;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

class InMemoryIdempotentWritesContractTest extends IdempotentWritesContract {

  /** The next change to run after its key is claimed waits here, once armed. */
  private final AtomicReference<@Nullable Gate> armed = new AtomicReference<>();

  private record Gate(CountDownLatch entered, CountDownLatch release) {}

  @Override
  protected KeyedStorage newStorage(Duration ttl) {
    InMemoryParkingLot lot = new InMemoryParkingLot();
    return new KeyedStorage(
        StoragePorts.of(lot),
        new InMemoryIdempotentWrites(lot, ttl, KeyTable.DEFAULT_CAPACITY, this::heldWhenArmed));
  }

  private Supplier<WriteOutcome> heldWhenArmed(Supplier<WriteOutcome> change) {
    return () -> {
      Gate gate = armed.getAndSet(null);
      if (gate != null) {
        gate.entered().countDown();
        await(gate.release());
      }
      return change.get();
    };
  }

  @Override
  protected HeldStart holdStart(KeyedStorage storage, KeyedRequest request, NewSession session)
      throws Exception {
    Gate gate = new Gate(new CountDownLatch(1), new CountDownLatch(1));
    armed.set(gate);
    CompletableFuture<KeyedAnswer> started =
        CompletableFuture.supplyAsync(() -> storage.keyed().start(request, session));
    if (!gate.entered().await(30, TimeUnit.SECONDS)) {
      throw new AssertionError("the keyed start never reached its change: " + started);
    }
    return () -> {
      gate.release().countDown();
      return started.get(30, TimeUnit.SECONDS);
    };
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("a held change was never released");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
