package dev.parkade.domain.port;

import dev.parkade.domain.port.IdempotentWritesContract.HeldStart;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * A {@link IdempotentWritesContract#holdStart} for keyed writes that run their change through a
 * wrapper once the key is claimed: {@link #around} is that wrapper, and the next change after
 * {@link #hold} waits inside it until released.
 */
public final class HeldChanges {
  private record Gate(CountDownLatch entered, CountDownLatch release) {}

  private static final Gate UNARMED = new Gate(new CountDownLatch(0), new CountDownLatch(0));

  private final AtomicReference<Gate> armed = new AtomicReference<>(UNARMED);

  /** The change, held when a hold is armed. */
  public Supplier<WriteOutcome> around(Supplier<WriteOutcome> change) {
    return () -> {
      Gate gate = armed.getAndSet(UNARMED);
      gate.entered().countDown();
      await(gate.release());
      return change.get();
    };
  }

  /** Runs {@code start} on another thread and returns once its change is held. */
  public HeldStart hold(Supplier<KeyedAnswer> start) throws InterruptedException {
    Gate gate = new Gate(new CountDownLatch(1), new CountDownLatch(1));
    armed.set(gate);
    CompletableFuture<KeyedAnswer> started = CompletableFuture.supplyAsync(start);
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
