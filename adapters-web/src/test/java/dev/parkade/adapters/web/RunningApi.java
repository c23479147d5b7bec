package dev.parkade.adapters.web;

import dev.parkade.adapters.inmemory.InMemoryIdempotentWrites;
import dev.parkade.adapters.inmemory.InMemoryParkingLot;
import dev.parkade.application.ChangeSignals;
import dev.parkade.application.KeyedParking;
import dev.parkade.application.LivePublisher;
import dev.parkade.application.OccupancyHistory;
import dev.parkade.application.ParkingService;
import dev.parkade.application.SessionIdGenerator;
import dev.parkade.domain.UserId;
import dev.parkade.domain.port.ChangeRelay;
import dev.parkade.domain.port.Fixtures;
import io.javalin.Javalin;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The API over real loopback HTTP on a fresh in-memory lot for each test, as {@code
 * {@literal @}RegisterExtension final RunningApi api = new RunningApi(spots);}.
 */
final class RunningApi implements BeforeEachCallback, AfterEachCallback {
  static final byte[] SECRET =
      "a-test-secret-of-at-least-32-bytes!!".getBytes(StandardCharsets.UTF_8);

  final Tokens tokens = new Tokens(SECRET, Clock.systemUTC());
  final InMemoryParkingLot lot = new InMemoryParkingLot();
  final ChangeSignals signals = new ChangeSignals();
  final ParkingService service =
      new ParkingService(lot, lot, Clock.systemUTC(), SessionIdGenerator.randomUuids(), signals);
  final InMemoryIdempotentWrites writes = new InMemoryIdempotentWrites(lot, Duration.ofHours(24));
  final KeyedParking keyed =
      new KeyedParking(writes, lot, Clock.systemUTC(), SessionIdGenerator.randomUuids(), signals);

  /** Stands for the purge's count, which the server's wiring keeps. */
  final AtomicLong purgedKeys = new AtomicLong();

  final ApiMetrics metrics = new ApiMetrics(service);
  final OccupancyHistory history = new OccupancyHistory();
  final EventStreams streams = new EventStreams(signals, metrics);

  /** The live publisher, which no thread runs here: a test ticks it when it wants events. */
  final LivePublisher publisher =
      new LivePublisher(
          service,
          lot,
          signals,
          ChangeRelay.NONE,
          history,
          streams,
          new LivePublisher.Timing(
              Duration.ofMillis(250), Duration.ofSeconds(15), Duration.ofSeconds(5)));

  private final int spots;
  private @Nullable Javalin app;
  private @Nullable ApiClient client;

  /**
   * @param spots how many spots the lot starts with, {@code L1-001} onwards
   */
  RunningApi(int spots) {
    this.spots = spots;
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    lot.add(Fixtures.spotIds(spots));
    metrics.countForgottenKeys(purgedKeys::get, writes::droppedKeys);
    Javalin started =
        ParkadeApi.create(
                service,
                keyed,
                tokens,
                metrics,
                new ParkadeApi.Live(streams, history),
                () -> true,
                true)
            .start("127.0.0.1", 0);
    app = started;
    client = new ApiClient(started.port());
  }

  @Override
  public void afterEach(ExtensionContext context) {
    streams.closeAll();
    if (app != null) {
      app.stop();
    }
  }

  Javalin app() {
    return Objects.requireNonNull(app, "the API starts before each test");
  }

  ApiClient client() {
    return Objects.requireNonNull(client, "the API starts before each test");
  }

  int port() {
    return app().port();
  }

  /** A driver's token, valid for an hour. */
  String driver(String user) {
    return tokens.issue(new UserId(user), false, Duration.ofHours(1));
  }

  /** An operator's token, valid for an hour. */
  String operator(String user) {
    return tokens.issue(new UserId(user), true, Duration.ofHours(1));
  }
}
