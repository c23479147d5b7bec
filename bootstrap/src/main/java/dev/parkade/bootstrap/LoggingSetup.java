package dev.parkade.bootstrap;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import dev.parkade.adapters.web.ParkadeApi;
import org.slf4j.LoggerFactory;

/**
 * Parkade's logging, set up in code (logback finds it through {@code META-INF/services}): one line
 * per event on standard output, where the ready line and the request log go; Parkade's own loggers
 * at INFO, everything else at WARN. A {@code logback.xml} did the same, but reading it loaded
 * logback's XML configurator and the JDK's XML parser at every start, and a start with memory
 * storage is quicker without them (BENCHMARKS.md, section 5). The request log is written off the
 * request threads ({@link RequestLogAppender}) by a writer that lets them gather ({@link
 * RequestLogWriter}). An operator's own file ({@code -Dlogback.configurationFile}, through {@code
 * PARKADE_JAVA_OPTS}) still wins.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class LoggingSetup extends ContextAwareBase implements Configurator {
  static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSX,UTC} %-5level %logger{20} - %msg%n";

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    if (System.getProperty("logback.configurationFile") != null) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.WARN);
    root.addAppender(console(context, "STDOUT"));
    context.getLogger("dev.parkade").setLevel(Level.INFO);
    RequestLogAppender requestLog = new RequestLogAppender();
    requestLog.setContext(context);
    requestLog.addAppender(requestLines(context, requestLog));
    requestLog.start();
    Logger requests = context.getLogger(ParkadeApi.REQUEST_LOGGER);
    requests.addAppender(requestLog);
    requests.setAdditive(false);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  /** One line per event on standard output, each line written whole. */
  private static ConsoleAppender<ILoggingEvent> console(LoggerContext context, String name) {
    ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
    console.setContext(context);
    console.setName(name);
    console.setEncoder(encoder(context));
    console.start();
    return console;
  }

  /** Each event as one line of {@link #PATTERN}. */
  private static PatternLayoutEncoder encoder(LoggerContext context) {
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(PATTERN);
    encoder.start();
    return encoder;
  }

  /**
   * The request lines, on standard output as {@link #console} writes, their writer pausing to let
   * them gather ({@link RequestLogWriter}).
   */
  private static RequestLogWriter requestLines(LoggerContext context, RequestLogAppender queue) {
    RequestLogWriter lines = new RequestLogWriter(queue);
    lines.setContext(context);
    lines.setEncoder(encoder(context));
    lines.start();
    return lines;
  }

  /** The request lines dropped so far because standard output did not keep up; 0 if none. */
  static long requestLinesDropped() {
    return LoggerFactory.getILoggerFactory() instanceof LoggerContext context
            && context.getLogger(ParkadeApi.REQUEST_LOGGER).getAppender(RequestLogAppender.NAME)
                instanceof RequestLogAppender appender
        ? appender.dropped()
        : 0;
  }

  /**
   * Writes out the request lines still queued (for at most a second) and stops logging: the last
   * thing a stopping process does.
   */
  static void drain() {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
      context.stop();
    }
  }
}
