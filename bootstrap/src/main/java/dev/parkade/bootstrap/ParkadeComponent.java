package dev.parkade.bootstrap;

import dagger.BindsInstance;
import dagger.Component;
import java.time.Clock;
import javax.inject.Singleton;

/** The whole server, wired: storage chosen by the settings, service, API. */
@Singleton
@Component(modules = {StorageModule.class, ServiceModule.class})
public interface ParkadeComponent {
  ParkadeServer server();

  static ParkadeComponent create(ServerSettings settings, Environment environment, Clock clock) {
    return DaggerParkadeComponent.factory().create(settings, environment, clock);
  }

  @Component.Factory
  interface Factory {
    ParkadeComponent create(
        @BindsInstance ServerSettings settings,
        @BindsInstance Environment environment,
        @BindsInstance Clock clock);
  }
}
