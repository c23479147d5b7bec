package dev.parkade.adapters.inmemory;

import dev.parkade.domain.Facility;
import dev.parkade.domain.FacilityId;
import dev.parkade.domain.ParkingException;
import dev.parkade.domain.ParkingFailure;
import dev.parkade.domain.SessionId;
import dev.parkade.domain.SpotFeatures;
import dev.parkade.domain.SpotId;
import dev.parkade.domain.UserId;
import dev.parkade.domain.port.IdempotentWrites;
import dev.parkade.domain.port.KeyedAnswer;
import dev.parkade.domain.port.KeyedRequest;
import dev.parkade.domain.port.NewSession;
import dev.parkade.domain.port.WriteOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Keyed writes over an {@link InMemoryParkingLot}, whose engine they call unchanged: a write first
 * claims its key in a {@link KeyTable}, and only the claimant runs the change (see the package
 * documentation for why that is atomic for every client).
 *
 * <p>A key is honoured for the shorter of its lifetime and the last {@code capacity} keyed writes;
 * {@link #droppedKeys()} counts those forgotten by the capacity first. Nothing survives the
 * process.
 */
public final class InMemoryIdempotentWrites implements IdempotentWrites {

  private final InMemoryParkingLot lot;
  private final KeyTable keys;
  private final UnaryOperator<Supplier<WriteOutcome>> around;

  /** Keeps up to 100,000 completed keys. */
  public InMemoryIdempotentWrites(InMemoryParkingLot lot, Duration ttl) {
    this(lot, ttl, KeyTable.DEFAULT_CAPACITY);
  }

  /**
   * @param capacity how many completed keys to keep, oldest forgotten first; at least 1
   */
  public InMemoryIdempotentWrites(InMemoryParkingLot lot, Duration ttl, int capacity) {
    this(lot, ttl, capacity, UnaryOperator.identity());
  }

  /** {@code around} wraps each change once its key is claimed: a test holds a change there. */
  InMemoryIdempotentWrites(
      InMemoryParkingLot lot,
      Duration ttl,
      int capacity,
      UnaryOperator<Supplier<WriteOutcome>> around) {
    this.lot = Objects.requireNonNull(lot, "lot");
    this.keys = new KeyTable(ttl, capacity);
    this.around = Objects.requireNonNull(around, "around");
  }

  @Override
  public KeyedAnswer start(KeyedRequest request, NewSession session) {
    return run(request, () -> new WriteOutcome.Started(lot.start(session).atStart()));
  }

  @Override
  public KeyedAnswer end(KeyedRequest request, SessionId id) {
    return run(request, () -> new WriteOutcome.Ended(lot.end(id, request.at())));
  }

  @Override
  public KeyedAnswer endActiveSessionOf(KeyedRequest request, UserId user) {
    return run(request, () -> new WriteOutcome.Ended(lot.endActiveSessionOf(user, request.at())));
  }

  @Override
  public KeyedAnswer add(
      KeyedRequest request, FacilityId facility, SpotFeatures features, List<SpotId> ids) {
    return run(
        request,
        () -> {
          lot.add(facility, features, ids);
          return new WriteOutcome.Done();
        });
  }

  @Override
  public KeyedAnswer remove(KeyedRequest request, SpotId id) {
    return run(
        request,
        () -> {
          lot.remove(id);
          return new WriteOutcome.Done();
        });
  }

  @Override
  public KeyedAnswer create(KeyedRequest request, Facility facility) {
    return run(
        request,
        () -> {
          lot.facilities().create(facility);
          return new WriteOutcome.Done();
        });
  }

  @Override
  public KeyedAnswer delete(KeyedRequest request, FacilityId id) {
    return run(
        request,
        () -> {
          lot.facilities().delete(id);
          return new WriteOutcome.Done();
        });
  }

  @Override
  public KeyedAnswer refuse(KeyedRequest request, ParkingFailure failure) {
    Objects.requireNonNull(failure, "failure");
    return run(request, () -> new WriteOutcome.Refused(failure));
  }

  /**
   * Forgets nothing and returns 0: memory bounds its keys by the capacity instead, and a read
   * ignores an expired key, so a purge would only repeat what the ring already does.
   */
  @Override
  public int purgeExpired(Instant now, int max) {
    return 0;
  }

  /** Completed keys forgotten by the capacity before their lifetime ended: a cap too small. */
  public long droppedKeys() {
    return keys.dropped();
  }

  private KeyedAnswer run(KeyedRequest request, Supplier<WriteOutcome> change) {
    KeyTable.Turn turn = keys.claim(request);
    if (turn instanceof KeyTable.Answered answered) {
      return answered.answer();
    }
    KeyTable.Entry mine = ((KeyTable.Owned) turn).entry();
    WriteOutcome outcome;
    try {
      outcome = around.apply(change).get();
    } catch (ParkingException refused) {
      outcome = new WriteOutcome.Refused(refused.failure());
    } catch (RuntimeException fault) {
      // The engine builds everything before its commit and nothing after it can fail, so a fault
      // means nothing changed: free the key for the retry. An Error keeps the key in flight until
      // its lifetime ends, since then nobody knows whether the change ran.
      keys.abandon(mine);
      throw fault;
    }
    keys.complete(mine, outcome, request.at());
    return new KeyedAnswer.Fresh(outcome);
  }
}
