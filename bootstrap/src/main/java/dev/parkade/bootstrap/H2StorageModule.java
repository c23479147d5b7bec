package dev.parkade.bootstrap;

import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoMap;

/** {@code --storage h2}: embedded H2 in the data directory, the default. */
@Module
interface H2StorageModule {
  @Provides
  @IntoMap
  @StorageKey(StorageKind.H2)
  static Storage h2(ServerSettings settings) {
    return JdbcBackedStorage.open(
        DatabaseSettings.h2(settings),
        settings.idempotencyTtl(),
        settings.jdbcUrl().isPresent() ? "--jdbc-url" : "--data-dir");
  }
}
