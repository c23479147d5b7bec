package dev.parkade.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.ConsoleAppender;
import dev.parkade.adapters.web.ParkadeApi;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class LoggingSetupTest {

  @Test
  void logbackFindsIt() {
    assertTrue(
        ServiceLoader.load(Configurator.class).stream()
            .anyMatch(provider -> provider.type() == LoggingSetup.class));
  }

  @Test
  void oneLinePerEventOnStandardOutput_parkadeAtInfo_theRestAtWarn() {
    LoggerContext context = new LoggerContext();
    LoggingSetup setup = new LoggingSetup();
    setup.setContext(context);

    assertEquals(Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY, setup.configure(context));

    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    assertEquals(Level.WARN, root.getLevel());
    assertEquals(Level.INFO, context.getLogger(ParkadeApi.REQUEST_LOGGER).getEffectiveLevel());
    assertEquals(Level.WARN, context.getLogger("org.eclipse.jetty").getEffectiveLevel());
    ConsoleAppender<?> console =
        assertInstanceOf(ConsoleAppender.class, root.getAppender("STDOUT"));
    assertTrue(console.isStarted());
    assertEquals("System.out", console.getTarget());
    PatternLayoutEncoder encoder =
        assertInstanceOf(PatternLayoutEncoder.class, console.getEncoder());
    assertEquals(LoggingSetup.PATTERN, encoder.getPattern());

    Logger requests = context.getLogger(ParkadeApi.REQUEST_LOGGER);
    assertFalse(requests.isAdditive(), "request lines are not written twice");
    RequestLogAppender requestLog =
        assertInstanceOf(RequestLogAppender.class, requests.getAppender(RequestLogAppender.NAME));
    assertTrue(requestLog.isStarted());
    assertTrue(requestLog.isNeverBlock());
    RequestLogWriter lines =
        assertInstanceOf(RequestLogWriter.class, requestLog.getAppender(RequestLogWriter.NAME));
    assertTrue(lines.isStarted());
    PatternLayoutEncoder lineEncoder =
        assertInstanceOf(PatternLayoutEncoder.class, lines.getEncoder());
    assertEquals(LoggingSetup.PATTERN, lineEncoder.getPattern());
  }

  @Test
  void anOperatorsOwnFile_wins() {
    String before = System.getProperty("logback.configurationFile");
    System.setProperty("logback.configurationFile", "operator-logback.xml");
    try {
      LoggerContext context = new LoggerContext();
      LoggingSetup setup = new LoggingSetup();
      setup.setContext(context);

      assertEquals(Configurator.ExecutionStatus.INVOKE_NEXT_IF_ANY, setup.configure(context));
      assertFalse(context.getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders().hasNext());
    } finally {
      if (before == null) {
        System.clearProperty("logback.configurationFile");
      } else {
        System.setProperty("logback.configurationFile", before);
      }
    }
  }
}
