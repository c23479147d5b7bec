package dev.parkade.adapters.web;

import dev.parkade.adapters.inmemory.InMemoryParkingLot;
import dev.parkade.domain.Facility;
import dev.parkade.domain.FacilityId;
import dev.parkade.domain.Fingerprint;
import dev.parkade.domain.IdempotencyKey;
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
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A test double, until the in-memory adapter's own {@code InMemoryIdempotentWrites} is on this
 * branch: {@link IdempotentWrites} as a plain synchronized key map over an {@link
 * InMemoryParkingLot}, without a TTL, counting the writes that ran; a key can be marked in flight.
 */
final class IdempotentWritesTestDouble implements IdempotentWrites {
  private record Key(UserId caller, IdempotencyKey key) {}

  private record Stored(Fingerprint fingerprint, WriteOutcome outcome) {}

  private final InMemoryParkingLot lot;
  private final Map<Key, Stored> keys = new HashMap<>();
  private final Set<Key> inFlight = new HashSet<>();
  int ran;

  IdempotentWritesTestDouble(InMemoryParkingLot lot) {
    this.lot = lot;
  }

  /** The next request with this key answers {@code InProgress}, as if its first were running. */
  synchronized void hold(UserId caller, IdempotencyKey key) {
    inFlight.add(new Key(caller, key));
  }

  private synchronized KeyedAnswer keyed(KeyedRequest k, Supplier<WriteOutcome> write) {
    Key id = new Key(k.caller(), k.key());
    if (inFlight.contains(id)) {
      return new KeyedAnswer.InProgress();
    }
    Stored stored = keys.get(id);
    if (stored != null) {
      return stored.fingerprint().equals(k.fingerprint())
          ? new KeyedAnswer.Replayed(stored.outcome())
          : new KeyedAnswer.Reused();
    }
    WriteOutcome outcome;
    try {
      ran++;
      outcome = write.get();
    } catch (ParkingException e) {
      outcome = new WriteOutcome.Refused(e.failure());
    }
    keys.put(id, new Stored(k.fingerprint(), outcome));
    return new KeyedAnswer.Fresh(outcome);
  }

  private static Supplier<WriteOutcome> done(Runnable write) {
    return () -> {
      write.run();
      return new WriteOutcome.Done();
    };
  }

  @Override
  public KeyedAnswer start(KeyedRequest k, NewSession session) {
    return keyed(k, () -> new WriteOutcome.Started(lot.start(session)));
  }

  @Override
  public KeyedAnswer end(KeyedRequest k, SessionId id) {
    return keyed(k, () -> new WriteOutcome.Ended(lot.end(id, k.at())));
  }

  @Override
  public KeyedAnswer endActiveSessionOf(KeyedRequest k, UserId user) {
    return keyed(k, () -> new WriteOutcome.Ended(lot.endActiveSessionOf(user, k.at())));
  }

  @Override
  public KeyedAnswer add(
      KeyedRequest k, FacilityId facility, SpotFeatures features, List<SpotId> ids) {
    return keyed(k, done(() -> lot.add(facility, features, ids)));
  }

  @Override
  public KeyedAnswer remove(KeyedRequest k, SpotId id) {
    return keyed(k, done(() -> lot.remove(id)));
  }

  @Override
  public KeyedAnswer create(KeyedRequest k, Facility facility) {
    return keyed(k, done(() -> lot.create(facility)));
  }

  @Override
  public KeyedAnswer delete(KeyedRequest k, FacilityId id) {
    return keyed(k, done(() -> lot.delete(id)));
  }

  @Override
  public KeyedAnswer refuse(KeyedRequest k, ParkingFailure failure) {
    return keyed(k, () -> new WriteOutcome.Refused(failure));
  }

  @Override
  public int purgeExpired(Instant now, int max) {
    return 0;
  }
}
