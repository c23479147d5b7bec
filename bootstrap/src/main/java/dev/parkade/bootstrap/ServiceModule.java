package dev.parkade.bootstrap;

import dagger.Module;
import dagger.Provides;
import dev.parkade.adapters.web.ApiMetrics;
import dev.parkade.adapters.web.EventStreams;
import dev.parkade.adapters.web.ParkadeApi;
import dev.parkade.adapters.web.Tokens;
import dev.parkade.application.ChangeSignals;
import dev.parkade.application.KeyedParking;
import dev.parkade.application.LivePublisher;
import dev.parkade.application.OccupancyHistory;
import dev.parkade.application.ParkingService;
import dev.parkade.application.SessionIdGenerator;
import io.javalin.Javalin;
import java.time.Clock;
import javax.inject.Singleton;

/** The use cases and the HTTP API on top of the chosen storage. */
@Module
interface ServiceModule {
  @Provides
  @Singleton
  static SessionIdGenerator sessionIds() {
    return SessionIdGenerator.randomUuids();
  }

  @Provides
  @Singleton
  static ChangeSignals changeSignals(Storage storage) {
    return new ChangeSignals(storage.changeRelay().isShared());
  }

  @Provides
  @Singleton
  static ParkingService parkingService(
      Storage storage, Clock clock, SessionIdGenerator ids, ChangeSignals signals) {
    return new ParkingService(storage.sessions(), storage.spots(), clock, ids, signals);
  }

  @Provides
  @Singleton
  static KeyedParking keyedParking(
      Storage storage, Clock clock, SessionIdGenerator ids, ChangeSignals signals) {
    return new KeyedParking(storage.idempotentWrites(), storage.sessions(), clock, ids, signals);
  }

  @Provides
  @Singleton
  static ParkadeApi.Live live(ChangeSignals signals, ApiMetrics metrics) {
    return new ParkadeApi.Live(new EventStreams(signals, metrics), new OccupancyHistory());
  }

  @Provides
  @Singleton
  static LivePublisher livePublisher(
      ParkingService service, Storage storage, ChangeSignals signals, ParkadeApi.Live live) {
    return new LivePublisher(
        service,
        storage.sessions(),
        signals,
        storage.changeRelay(),
        live.history(),
        live.streams(),
        LivePublisher.Timing.DEFAULT);
  }

  @Provides
  @Singleton
  static KeyPurge keyPurge(Storage storage, Clock clock) {
    return new KeyPurge(storage.idempotentWrites(), clock);
  }

  @Provides
  @Singleton
  static Tokens tokens(ServerSettings settings, Environment environment, Clock clock) {
    return new Tokens(TokenSecret.resolve(environment.variables(), settings.dataDir()), clock);
  }

  @Provides
  @Singleton
  static ApiMetrics metrics(ParkingService service, Storage storage, KeyPurge purge) {
    ApiMetrics metrics = new ApiMetrics(service);
    metrics.countForgottenKeys(purge::purged, storage::droppedKeys);
    metrics.countDroppedLogLines(LoggingSetup::requestLinesDropped);
    return metrics;
  }

  @Provides
  @Singleton
  static Javalin api(
      ParkingService service,
      KeyedParking keyed,
      Tokens tokens,
      ApiMetrics metrics,
      ParkadeApi.Live live,
      Storage storage,
      ServerSettings settings) {
    return ParkadeApi.create(
        service, keyed, tokens, metrics, live, storage::isReady, settings.accessLog());
  }
}
