package dev.parkade.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.AppenderBase;
import dev.parkade.adapters.web.ParkadeApi;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class RequestLogAppenderTest {

  /** Standard output stuck: takes the first line and holds it until released. */
  static final class StuckOutput extends AppenderBase<ILoggingEvent> {
    final CountDownLatch holding = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    final List<String> written = new CopyOnWriteArrayList<>();

    @Override
    protected void append(ILoggingEvent event) {
      holding.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      written.add(event.getFormattedMessage());
    }
  }

  @Test
  @Timeout(30)
  void standardOutputStuck_linesAreDroppedAndCounted_andNoRequestWaits() throws Exception {
    LoggerContext context = new LoggerContext();
    context.setMDCAdapter(new LogbackMDCAdapter()); // what logback's own start-up would set
    StuckOutput output = new StuckOutput();
    output.setContext(context);
    output.start();
    RequestLogAppender appender = new RequestLogAppender();
    appender.setContext(context);
    appender.addAppender(output);
    appender.start();
    Logger requests = context.getLogger(ParkadeApi.REQUEST_LOGGER);
    requests.setLevel(Level.INFO);
    requests.addAppender(appender);

    requests.info("line 0");
    assertTrue(output.holding.await(10, TimeUnit.SECONDS), "the writer took the first line");
    int more = 2 * RequestLogAppender.QUEUE_SIZE;
    for (int i = 1; i <= more; i++) {
      requests.info("line {}", i); // returns at once: the test would time out if one waited
    }

    int queued = appender.getNumberOfElementsInQueue();
    // a line is queued while at least the threshold's worth of room is left
    int room = RequestLogAppender.QUEUE_SIZE - appender.getDiscardingThreshold() + 1;
    assertEquals(room, queued, "filled up to its threshold");
    assertEquals(more - queued, appender.dropped(), "every line not queued is counted");

    output.release.countDown();
    appender.stop(); // writes out what is queued
    assertEquals(1 + queued, output.written.size());
    assertEquals("line 0", output.written.get(0));
    assertEquals("line " + queued, output.written.get(queued));
  }
}
