package dev.parkade.benchmarks;

import dev.parkade.domain.SpotId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The floor designs' spots: numbered in the order they were added, the free ones in one lock-free
 * queue of their numbers. The numbers are boxed once, so that queueing a spot again allocates only
 * the queue's node.
 */
final class NumberedSpots {
  private final List<SpotId> ids = new ArrayList<>();
  private final List<Integer> numbers = new ArrayList<>();
  private final ConcurrentLinkedQueue<Integer> free = new ConcurrentLinkedQueue<>();

  /** Set-up only, before any start: not safe against concurrent takes. */
  void add(List<SpotId> spots) {
    for (SpotId id : spots) {
      Integer number = ids.size();
      ids.add(id);
      numbers.add(number);
      free.add(number);
    }
  }

  /** A free spot's number, no longer free; {@code null} when none is. */
  Integer take() {
    return free.poll();
  }

  void release(int number) {
    free.offer(numbers.get(number));
  }

  SpotId id(int number) {
    return ids.get(number);
  }

  List<SpotId> firstFree(int limit) {
    return free.stream().limit(limit).map(ids::get).toList();
  }
}
