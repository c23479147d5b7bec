package dev.parkade.adapters.inmemory;

import dev.parkade.domain.Fingerprint;
import dev.parkade.domain.IdempotencyKey;
import dev.parkade.domain.UserId;
import dev.parkade.domain.port.KeyedAnswer;
import dev.parkade.domain.port.KeyedRequest;
import dev.parkade.domain.port.WriteOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.jspecify.annotations.Nullable;

/**
 * The idempotency keys of one process, without a lock: a key is claimed by the one {@code
 * putIfAbsent} (or, once expired, {@code replace}) that puts a request's own entry in the map, so
 * of racers on one key exactly one runs its change; the others find the entry in flight or
 * completed.
 *
 * <p>Completed entries are kept in a ring of {@code capacity} slots, as ended sessions are in
 * {@link EndedHistory}, so that memory stays flat however many keys clients send: past the capacity
 * the oldest completed key is forgotten, and a retry of it runs again. In-flight entries are not in
 * the ring; there are at most as many as threads writing.
 */
final class KeyTable {

  /** How many completed keys are kept unless told otherwise. */
  static final int DEFAULT_CAPACITY = 100_000;

  private final ConcurrentMap<KeyId, Entry> entries = new ConcurrentHashMap<>();
  private final AtomicReferenceArray<Entry> ring;
  private final AtomicLong written = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final Duration ttl;

  KeyTable(Duration ttl, int capacity) {
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("key lifetime must be positive, was " + ttl);
    }
    if (capacity < 1) {
      throw new IllegalArgumentException("key capacity must be positive, was " + capacity);
    }
    this.ttl = ttl;
    this.ring = new AtomicReferenceArray<>(capacity);
  }

  /** A key is its caller's: two callers' equal keys are two keys. */
  record KeyId(UserId caller, IdempotencyKey key) {
    static KeyId of(KeyedRequest request) {
      return new KeyId(request.caller(), request.key());
    }
  }

  /** One request's hold on a key; identity matters, so that a late writer never undoes another. */
  static final class Entry {
    final KeyId id;
    final Fingerprint fingerprint;
    final Instant createdAt;
    private volatile @Nullable WriteOutcome outcome;

    Entry(KeyId id, Fingerprint fingerprint, Instant createdAt) {
      this.id = Objects.requireNonNull(id, "id");
      this.fingerprint = Objects.requireNonNull(fingerprint, "fingerprint");
      this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
    }

    /** Null while the request that made it is inside its change. */
    @Nullable WriteOutcome outcome() {
      return outcome;
    }
  }

  /** What a claim got: the key (its own entry now holds it), or the answer the key gives. */
  sealed interface Turn {}

  record Owned(Entry entry) implements Turn {}

  record Answered(KeyedAnswer answer) implements Turn {}

  /**
   * Takes the key for {@code request} if nobody holds it, or its holder has expired; otherwise
   * answers with what the holder says: in progress while in flight, else replayed or reused.
   */
  Turn claim(KeyedRequest request) {
    KeyId id = KeyId.of(request);
    Entry mine = new Entry(id, request.fingerprint(), request.at());
    for (; ; ) {
      Entry found = entries.putIfAbsent(id, mine);
      if (found == null) {
        return new Owned(mine);
      }
      if (expired(found, request.at())) {
        if (entries.replace(id, found, mine)) {
          return new Owned(mine);
        }
        continue; // another request took it over, or its owner gave it up: look again
      }
      // Read once: the owner may set it between two reads.
      WriteOutcome outcome = found.outcome;
      if (outcome == null) {
        return new Answered(new KeyedAnswer.InProgress());
      }
      return new Answered(
          found.fingerprint.equals(request.fingerprint())
              ? new KeyedAnswer.Replayed(outcome)
              : new KeyedAnswer.Reused());
    }
  }

  /**
   * Gives {@code entry}, which its request owns, its outcome, and keeps it among the completed
   * keys; the oldest one goes if the ring is full. {@code now} tells whether that one was still
   * live, that is, dropped before its time.
   */
  void complete(Entry entry, WriteOutcome outcome, Instant now) {
    entry.outcome = Objects.requireNonNull(outcome, "outcome");
    int slot = (int) (written.getAndIncrement() % ring.length());
    Entry oldest = ring.getAndSet(slot, entry);
    // remove(id, entry): a key taken over since holds a newer entry, which must stay.
    if (oldest != null && entries.remove(oldest.id, oldest) && !expired(oldest, now)) {
      dropped.incrementAndGet();
    }
  }

  /** Frees the key of an entry whose change failed before anything changed, so a retry runs. */
  void abandon(Entry entry) {
    entries.remove(entry.id, entry);
  }

  /** The live entry holding {@code id} at {@code now}, as a request with that key would find it. */
  @Nullable Entry holder(KeyId id, Instant now) {
    Entry found = entries.get(id);
    return found == null || expired(found, now) ? null : found;
  }

  /** Completed keys forgotten by the capacity before their lifetime ended. */
  long dropped() {
    return dropped.get();
  }

  private boolean expired(Entry entry, Instant now) {
    return !now.isBefore(entry.createdAt.plus(ttl));
  }
}
