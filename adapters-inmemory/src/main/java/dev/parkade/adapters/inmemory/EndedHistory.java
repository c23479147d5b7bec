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

  List<ParkingSession> page(Optional<EndedSessionKey> after, int max) {
    List<ParkingSession> kept = new ArrayList<>();
    for (int i = 0; i < ring.length(); i++) {
      Claim claim = ring.get(i);
      if (claim == null) {
        continue;
      }
      ParkingSession session = claim.endedSession();
      if ((after.isEmpty()
          || EndedSessionKey.NEWEST_FIRST.compare(EndedSessionKey.of(session), after.get()) > 0)) {
        kept.add(session);
      }
    }
    kept.sort(Comparator.comparing(EndedSessionKey::of, EndedSessionKey.NEWEST_FIRST));
    return List.copyOf(kept.subList(0, Math.min(max, kept.size())));
  }
}
