package dev.parkade.bootstrap;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntSupplier;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * Where the request log's one writer thread ({@link RequestLogAppender}) writes the lines: standard
 * output, as the other loggers do, but with a pause of {@link #PAUSE} once in every {@link #PAUSE}
 * of writing, during which lines gather on the queue. A writer that keeps up waits on the queue,
 * and then every request thread that puts a line there has to wake it: under load, those wake-ups
 * cost more than the writes (writing the lines in batches saved nothing measurable; pausing did,
 * BENCHMARKS.md, section 18).
 *
 * <p>It pauses only while the queue holds less than {@link #BEHIND} of what it can hold: a writer
 * that falls behind (standard output slow) writes without pausing, so that pausing does not bring
 * the queue closer to dropping lines. A line therefore waits at most about {@link #PAUSE} longer to
 * reach standard output. A stop interrupts the writer thread, which ends a pause at once.
 */
final class RequestLogWriter extends ConsoleAppender<ILoggingEvent> {
  static final String NAME = "REQUESTS-STDOUT";
  static final Duration PAUSE = Duration.ofMillis(5);
  private static final long PAUSE_NANOS = PAUSE.toNanos();

  /** The share of the queue's room from which the writer counts as behind and does not pause. */
  static final double BEHIND = 0.25;

  private final IntSupplier queued;
  private final int behind;
  private final LongSupplier clock;
  private final LongConsumer pause;

  // Only the writer thread appends, so only it reads and writes this after the start.
  private long lastPause;

  /** Writes the lines of {@code queue}. */
  RequestLogWriter(RequestLogAppender queue) {
    this(
        queue::getNumberOfElementsInQueue,
        queue.getQueueSize(),
        System::nanoTime,
        LockSupport::parkNanos);
  }

  /**
   * @param queued how many lines the queue holds, as {@link
   *     RequestLogAppender#getNumberOfElementsInQueue}
   * @param queueSize how many it can hold
   * @param clock nanoseconds, as {@link System#nanoTime}
   * @param pause pauses the calling thread for the nanoseconds given, as {@link
   *     LockSupport#parkNanos(long)}
   */
  RequestLogWriter(IntSupplier queued, int queueSize, LongSupplier clock, LongConsumer pause) {
    this.queued = queued;
    this.behind = (int) (queueSize * BEHIND);
    this.clock = clock;
    this.pause = pause;
    setName(NAME);
  }

  @Override
  public void start() {
    lastPause = clock.getAsLong();
    super.start();
  }

  @Override
  protected void subAppend(ILoggingEvent event) {
    super.subAppend(event);
    if (clock.getAsLong() - lastPause >= PAUSE_NANOS && queued.getAsInt() < behind) {
      pause.accept(PAUSE_NANOS);
      lastPause = clock.getAsLong();
    }
  }
}
