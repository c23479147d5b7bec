package dev.parkade.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RequestLogWriterTest {
  private static final long MILLI = 1_000_000L;
  private static final int QUEUE_SIZE = 100;

  private final LoggerContext context = new LoggerContext();
  private final AtomicLong now = new AtomicLong();
  private final AtomicInteger queued = new AtomicInteger();
  private final List<Long> pauses = new ArrayList<>();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final RequestLogWriter writer =
      new RequestLogWriter(
          queued::get,
          QUEUE_SIZE,
          now::get,
          nanos -> {
            pauses.add(nanos);
            now.addAndGet(nanos);
          });

  RequestLogWriterTest() {
    context.setMDCAdapter(new LogbackMDCAdapter()); // what logback's own start-up would set
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern("%msg%n");
    encoder.start();
    writer.setContext(context);
    writer.setEncoder(encoder);
    writer.start();
    writer.setOutputStream(out); // standard output's place, once started
  }

  private void write(String line) {
    writer.doAppend(
        new LoggingEvent(
            getClass().getName(), context.getLogger("requests"), Level.INFO, line, null, null));
  }

  @Test
  void theWriter_pausesOnceInEveryPauseOfWriting_unlessBehind_andWritesEveryLine() {
    long pause = RequestLogWriter.PAUSE.toNanos();

    now.set(pause - MILLI);
    write("before a pause's length of writing");
    assertEquals(List.of(), pauses);
    now.set(pause);
    write("a pause's length after the start");
    assertEquals(List.of(pause), pauses, "paused once, for the pause");
    write("just after the pause");
    now.addAndGet(pause - MILLI);
    write("still within a pause's length of the last");
    assertEquals(List.of(pause), pauses);
    now.addAndGet(MILLI);
    write("a pause's length after the last");
    assertEquals(List.of(pause, pause), pauses);

    now.addAndGet(pause);
    queued.set(QUEUE_SIZE / 4);
    write("a pause's length after the last, with the writer behind");
    assertEquals(List.of(pause, pause), pauses, "a writer behind does not pause");
    queued.set(QUEUE_SIZE / 4 - 1);
    write("caught up");
    assertEquals(List.of(pause, pause, pause), pauses);

    writer.stop();
    assertEquals(
        """
        before a pause's length of writing
        a pause's length after the start
        just after the pause
        still within a pause's length of the last
        a pause's length after the last
        a pause's length after the last, with the writer behind
        caught up
        """,
        out.toString(StandardCharsets.UTF_8));
  }
}
