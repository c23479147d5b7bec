package dev.parkade.adapters.inmemory;

import dev.parkade.domain.ParkingSession;
import dev.parkade.domain.port.EndedSessionKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The ended sessions this process still keeps, newest first, bounded: past {@code limit} the oldest
 * is dropped, so memory stays flat however long the server runs.
 */
final class EndedHistory {
  private final ConcurrentSkipListMap<EndedSessionKey, ParkingSession> sessions =
      new ConcurrentSkipListMap<>(EndedSessionKey.NEWEST_FIRST);
  private final AtomicInteger size = new AtomicInteger();
  private final int limit;

  EndedHistory(int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("history limit must not be negative, was " + limit);
    }
    this.limit = limit;
  }

  /** Keeps {@code ended}, and hands each session dropped to make room to {@code onDrop}. */
  void record(ParkingSession ended, Consumer<ParkingSession> onDrop) {
    sessions.put(EndedSessionKey.of(ended), ended);
    // Each record adds one and drops at most one, so the size never drifts past the limit by more
    // than the number of records in flight.
    if (size.incrementAndGet() > limit) {
      Map.Entry<EndedSessionKey, ParkingSession> oldest = sessions.pollLastEntry();
      if (oldest != null) {
        size.decrementAndGet();
        onDrop.accept(oldest.getValue());
      }
    }
  }

  List<ParkingSession> page(Optional<EndedSessionKey> after, int max) {
    NavigableMap<EndedSessionKey, ParkingSession> view =
        after.isPresent() ? sessions.tailMap(after.get(), false) : sessions;
    List<ParkingSession> page = new ArrayList<>(Math.min(max, 1024));
    for (ParkingSession session : view.values()) {
      if (page.size() >= max) {
        break;
      }
      page.add(session);
    }
    return page;
  }
}
