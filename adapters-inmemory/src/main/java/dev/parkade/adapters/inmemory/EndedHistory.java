package dev.parkade.adapters.inmemory;

import dev.parkade.domain.ParkingSession;
import dev.parkade.domain.port.EndedSessionKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;

/**
 * The ended sessions this process still keeps, bounded: a ring of {@code limit} slots written in
 * the order sessions end, so that past the limit the oldest is overwritten and memory stays flat
 * however long the server runs.
 *
 * <p>Recording is the hot path (every end) and costs one increment and one write. Listing is an
 * operator's page and sorts a snapshot of the ring ({@link EndedSessionKey#NEWEST_FIRST}), so it
 * costs the size of the kept history, not of the page.
 */
final class EndedHistory {
  private final AtomicReferenceArray<Claim> ring;
  private final AtomicLong written = new AtomicLong();

  EndedHistory(int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("history limit must not be negative, was " + limit);
    }
    this.ring = new AtomicReferenceArray<>(limit);
  }

  /**
   * Keeps {@code ended}, a claim whose end is committed, and hands the claim it overwrites, if any,
   * to {@code onDrop}.
   */
  void record(Claim ended, Consumer<Claim> onDrop) {
    if (ring.length() == 0) {
      onDrop.accept(ended);
      return;
    }
    int slot = (int) (written.getAndIncrement() % ring.length());
    Claim dropped = ring.getAndSet(slot, ended);
    if (dropped != null) {
      onDrop.accept(dropped);
    }
  }

  /**
   * Up to {@code max} kept sessions after {@code after}, newest first. Orders the claims by their
   * keys and builds records only for the page.
   */
  List<ParkingSession> page(Optional<EndedSessionKey> after, int max) {
    List<Keyed> kept = new ArrayList<>();
    for (int i = 0; i < ring.length(); i++) {
      Claim claim = ring.get(i);
      if (claim == null) {
        continue;
      }
      Keyed keyed = new Keyed(claim.endedKey(), claim);
      if (after.isEmpty() || EndedSessionKey.NEWEST_FIRST.compare(keyed.key(), after.get()) > 0) {
        kept.add(keyed);
      }
    }
    kept.sort(Comparator.comparing(Keyed::key, EndedSessionKey.NEWEST_FIRST));
    return kept.stream().limit(max).map(keyed -> keyed.claim().endedSession()).toList();
  }

  private record Keyed(EndedSessionKey key, Claim claim) {}
}
