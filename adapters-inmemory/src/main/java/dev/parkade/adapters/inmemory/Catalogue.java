package dev.parkade.adapters.inmemory;

import dev.parkade.domain.SpotId;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Every slot of the lot in id order: one sorted array, read without locks and replaced whole by
 * each add (copy on write), so that a spot costs the catalogue one array element. A skip list cost
 * a node and index entries per spot, a large share of a big lot's memory (BENCHMARKS.md, section
 * 2), to make adds O(log n); adds are an operator's batches (up to 10,000 ids a request), rare next
 * to starts and ends, so an add may copy the array.
 *
 * <p>A removed spot's slot stays, {@link SpotSlot.Marker#GONE}, until the next add copies the array
 * without it: removals only change a slot's state, never the array.
 */
final class Catalogue {
  private static final VarHandle SLOTS;

  static {
    try {
      SLOTS = MethodHandles.lookup().findVarHandle(Catalogue.class, "slots", SpotSlot[].class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @SuppressWarnings("unused") // written through SLOTS
  private volatile SpotSlot[] slots = new SpotSlot[0];

  /** The slots as of now, in id order; never changed once read. */
  SpotSlot[] snapshot() {
    return slots;
  }

  /** Publishes {@code next} if no other add has since {@code expected} was read. */
  boolean replace(SpotSlot[] expected, SpotSlot[] next) {
    return SLOTS.compareAndSet(this, expected, next);
  }

  /** The slot of {@code id} in {@code snapshot}, or {@code null}. */
  static @Nullable SpotSlot find(SpotSlot[] snapshot, SpotId id) {
    int at = search(snapshot, SpotSlot.bytesOf(id));
    return at >= 0 ? snapshot[at] : null;
  }

  /** The position in {@code snapshot} of the first slot whose id sorts after {@code id}. */
  static int after(SpotSlot[] snapshot, SpotId id) {
    int at = search(snapshot, SpotSlot.bytesOf(id));
    return at >= 0 ? at + 1 : -at - 1;
  }

  /**
   * {@code current} without its gone slots, with {@code added} (sorted, no id of a slot in {@code
   * current} that is not gone) merged in order. Gone is final, so a slot checked gone is still gone
   * here, and the result again holds each id once.
   */
  static SpotSlot[] merge(SpotSlot[] current, List<SpotSlot> added) {
    SpotSlot[] next = new SpotSlot[current.length + added.size()];
    int size = 0;
    int i = 0;
    int j = 0;
    while (i < current.length || j < added.size()) {
      if (i < current.length && current[i].state() == SpotSlot.Marker.GONE) {
        i++;
      } else if (j == added.size()
          || (i < current.length && current[i].compareTo(added.get(j)) < 0)) {
        next[size++] = current[i++];
      } else {
        next[size++] = added.get(j++);
      }
    }
    return size == next.length ? next : Arrays.copyOf(next, size);
  }

  /** As {@link Arrays#binarySearch}: the position, or {@code -(insertion point) - 1}. */
  private static int search(SpotSlot[] snapshot, byte[] id) {
    int low = 0;
    int high = snapshot.length - 1;
    while (low <= high) {
      int middle = (low + high) >>> 1;
      int order = snapshot[middle].compareTo(id);
      if (order < 0) {
        low = middle + 1;
      } else if (order > 0) {
        high = middle - 1;
      } else {
        return middle;
      }
    }
    return -(low + 1);
  }
}
