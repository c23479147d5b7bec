package dev.parkade.bootstrap;

import dagger.Module;
import dagger.Provides;
import dev.parkade.adapters.web.ApiMetrics;
import dev.parkade.adapters.web.ParkadeApi;
import dev.parkade.adapters.web.Tokens;
import dev.parkade.application.KeyedParking;
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
  static ParkingService parkingService(Storage storage, Clock clock, SessionIdGenerator ids) {
    return new ParkingService(storage.sessions(), storage.spots(), clock, ids);
  }

  @Provides
  @Singleton
  static KeyedParking keyedParking(Storage storage, Clock clock, SessionIdGenerator ids) {
    return new KeyedParking(storage.idempotentWrites(), storage.sessions(), clock, ids);
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
    return metrics;
  }

  @Provides
  @Singleton
  static Javalin api(
      ParkingService service,
      KeyedParking keyed,
      Tokens tokens,
      ApiMetrics metrics,
      Storage storage,
      ServerSettings settings) {
    return ParkadeApi.create(
        service, keyed, tokens, metrics, storage::isReady, settings.accessLog());
  }
}
