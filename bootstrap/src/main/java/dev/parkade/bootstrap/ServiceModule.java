package dev.parkade.bootstrap;

import dagger.Module;
import dagger.Provides;
import dev.parkade.adapters.web.ApiMetrics;
import dev.parkade.adapters.web.ParkadeApi;
import dev.parkade.adapters.web.Tokens;
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
  static ParkingService parkingService(Storage storage, Clock clock) {
    return new ParkingService(
        storage.sessions(), storage.spots(), clock, SessionIdGenerator.randomUuids());
  }

  @Provides
  @Singleton
  static Tokens tokens(ServerSettings settings, Environment environment, Clock clock) {
    return new Tokens(TokenSecret.resolve(environment.variables(), settings.dataDir()), clock);
  }

  @Provides
  @Singleton
  static ApiMetrics metrics(ParkingService service) {
    return new ApiMetrics(service);
  }

  @Provides
  @Singleton
  static Javalin api(
      ParkingService service,
      Tokens tokens,
      ApiMetrics metrics,
      Storage storage,
      ServerSettings settings) {
    return ParkadeApi.create(service, tokens, metrics, storage::isReady, settings.accessLog());
  }
}
