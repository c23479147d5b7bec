package dev.parkade.application;

import dev.parkade.domain.port.SessionChange;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A bounded ring of session changes that any number of writers fill and one reader empties, without
 * a lock: a writer takes a ticket and stores its change in the ticket's slot. The reader takes
 * slots in ticket order and stops at one not yet stored (its writer is between the two steps), to
 * take it on its next look. A writer never waits: when the reader falls a whole ring behind, the
 * changes it missed are lost and {@link #drainTo} says so.
 *
 * <p>A writer that finds the reader a whole ring behind its ticket does not store its change: it
 * would go over one the reader has not taken, so a change is lost either way. It only marks the
 * ring as overflowed, and the reader's next look skips to the newest ticket. Under a flood of
 * changes, most writers then pay a ticket and two reads, not a store into a line the others share.
 */
final class SessionChangeRing {
  private record Entry(long ticket, SessionChange change) {}

  private final AtomicReferenceArray<Entry> slots;
  private final int mask;
  private final AtomicLong tickets = new AtomicLong();
  private final AtomicBoolean overflowed = new AtomicBoolean();
  private long next; // the reader's only

  /** The reader's {@code next} as of its last look, for writers: never ahead of it. */
  private volatile long taken;

  /**
   * @param capacity a power of two
   */
  SessionChangeRing(int capacity) {
    if (Integer.bitCount(capacity) != 1) {
      throw new IllegalArgumentException("capacity " + capacity + " is not a power of two");
    }
    slots = new AtomicReferenceArray<>(capacity);
    mask = capacity - 1;
  }

  void offer(SessionChange change) {
    long ticket = ticket();
    if (ticket - taken >= slots.length()) {
      if (!overflowed.get()) {
        overflowed.set(true);
      }
      return;
    }
    store(ticket, change);
  }

  /** The first step of an offer, apart so that a test can pause a writer between the two. */
  long ticket() {
    return tickets.getAndIncrement();
  }

  void store(long ticket, SessionChange change) {
    int slot = (int) (ticket & mask);
    Entry mine = new Entry(ticket, change);
    // Never over a later ticket's entry: a writer paused between its ticket and its store must not
    // put its older change over one stored a whole ring later (the reader would stop there).
    Entry current = slots.getAcquire(slot);
    while (current == null || current.ticket() < ticket) {
      if (slots.compareAndSet(slot, current, mine)) {
        return;
      }
      current = slots.getAcquire(slot);
    }
    // A writer a whole ring ahead stored here first: this change is lost, as drainTo will say.
  }

  /**
   * Moves the stored changes to {@code into}, oldest first. One reader at a time.
   *
   * @return false when changes were lost since the last call (the ring overflowed)
   */
  boolean drainTo(List<SessionChange> into) {
    return drainTo(into, () -> {});
  }

  /**
   * A drain that runs {@code meanwhile} once it has read the tickets, apart so that a test can put
   * a writer there: one that reads the reader's position before this drain moves it.
   */
  boolean drainTo(List<SessionChange> into, Runnable meanwhile) {
    // The flag before the tickets: a writer that set it took its ticket first, so the skip below
    // goes past that ticket. A writer that skips later sets it for the next drain, which skips
    // then: the reader never waits for good at a slot that will not be stored.
    boolean skipped = overflowed.get() && overflowed.getAndSet(false);
    long end = tickets.get();
    meanwhile.run();
    boolean complete = takeTo(into, skipped, end);
    taken = next;
    return complete;
  }

  private boolean takeTo(List<SessionChange> into, boolean skipped, long end) {
    if (skipped || end - next > slots.length()) {
      next = end;
      return false;
    }
    while (next < end) {
      Entry entry = slots.getAcquire((int) (next & mask));
      if (entry == null || entry.ticket() < next) {
        return true; // its writer has its ticket and has not stored it yet
      }
      if (entry.ticket() > next) {
        next = end; // overwritten by a writer a whole ring ahead
        return false;
      }
      into.add(entry.change());
      next++;
    }
    return true;
  }
}
