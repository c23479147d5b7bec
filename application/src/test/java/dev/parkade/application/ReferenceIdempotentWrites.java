package dev.parkade.application;

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
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The model of {@link IdempotentWrites} over a {@link ReferenceParkingLot}: a plain map of keys,
 * each claimed before its change runs (in flight: {@code InProgress} to others) and completed with
 * its outcome after; a key is forgotten {@code ttl} after its creation. {@code around} wraps every
 * change once its key is claimed, so that a test can act while it is in flight.
 */
final class ReferenceIdempotentWrites implements IdempotentWrites {
  private record KeyId(UserId caller, IdempotencyKey key) {}

  private record Entry(
      Fingerprint fingerprint, Instant createdAt, Optional<WriteOutcome> outcome) {}

  private final ReferenceParkingLot lot;
  private final Duration ttl;
  private final UnaryOperator<Supplier<WriteOutcome>> around;
  private final Map<KeyId, Entry> keys = new HashMap<>(); // guarded by this

  ReferenceIdempotentWrites(ReferenceParkingLot lot, Duration ttl) {
    this(lot, ttl, UnaryOperator.identity());
  }

  ReferenceIdempotentWrites(
      ReferenceParkingLot lot, Duration ttl, UnaryOperator<Supplier<WriteOutcome>> around) {
    this.lot = lot;
    this.ttl = ttl;
    this.around = around;
  }

  private boolean live(Entry entry, Instant now) {
    return now.isBefore(entry.createdAt().plus(ttl));
  }

  private KeyedAnswer keyed(KeyedRequest k, Supplier<WriteOutcome> change) {
    KeyId id = new KeyId(k.caller(), k.key());
    Entry claimed = new Entry(k.fingerprint(), k.at(), Optional.empty());
    synchronized (this) {
      Optional<Entry> found = Optional.ofNullable(keys.get(id)).filter(e -> live(e, k.at()));
      if (found.isPresent()) {
        Optional<WriteOutcome> outcome = found.get().outcome();
        if (outcome.isEmpty()) {
          return new KeyedAnswer.InProgress();
        }
        return found.get().fingerprint().equals(k.fingerprint())
            ? new KeyedAnswer.Replayed(outcome.get())
            : new KeyedAnswer.Reused();
      }
      keys.put(id, claimed);
    }
    WriteOutcome outcome;
    try {
      outcome = around.apply(() -> refusedAsOutcome(change)).get();
    } catch (RuntimeException e) {
      synchronized (this) {
        keys.remove(id, claimed); // a failed write leaves its key free
      }
      throw e;
    }
    synchronized (this) {
      keys.replace(id, claimed, new Entry(k.fingerprint(), k.at(), Optional.of(outcome)));
    }
    return new KeyedAnswer.Fresh(outcome);
  }

  private static WriteOutcome refusedAsOutcome(Supplier<WriteOutcome> change) {
    try {
      return change.get();
    } catch (ParkingException e) {
      return new WriteOutcome.Refused(e.failure());
    }
  }

  private static Supplier<WriteOutcome> done(Runnable change) {
    return () -> {
      change.run();
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
  public synchronized int purgeExpired(Instant now, int max) {
    int purged = 0;
    for (Iterator<Entry> entries = keys.values().iterator(); entries.hasNext() && purged < max; ) {
      if (!live(entries.next(), now)) {
        entries.remove();
        purged++;
      }
    }
    return purged;
  }
}
