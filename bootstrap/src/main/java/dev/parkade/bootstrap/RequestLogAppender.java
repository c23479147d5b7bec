package dev.parkade.bootstrap;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.util.concurrent.atomic.LongAdder;

/**
 * The request log's appender: a request thread puts its line on a bounded queue and goes on, and
 * one thread writes the lines out. Writing each line on the request thread, under the console's
 * lock, made that lock the most contended one in the server (BENCHMARKS.md, section 10).
 *
 * <p>It never blocks a request: once the queue is {@value #FULL_PERCENT}% full (standard output not
 * keeping up), each further line is dropped and counted, until the writer catches up.
 */
final class RequestLogAppender extends AsyncAppender {
  static final String NAME = "REQUESTS";
  static final int QUEUE_SIZE = 8192;
  static final int FULL_PERCENT = 80;

  private final LongAdder dropped = new LongAdder();

  RequestLogAppender() {
    setName(NAME);
    setQueueSize(QUEUE_SIZE);
    setDiscardingThreshold(QUEUE_SIZE * (100 - FULL_PERCENT) / 100);
    setNeverBlock(true);
  }

  /** Lines dropped so far because the queue was full. */
  long dropped() {
    return dropped.sum();
  }

  /**
   * Asked only when the queue is past its threshold: every line is droppable then, whatever its
   * level (the request log has INFO lines only), and each one dropped is counted.
   */
  @Override
  protected boolean isDiscardable(ILoggingEvent event) {
    dropped.increment();
    return true;
  }
}
