package dev.parkade.bootstrap;

import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoMap;

/** {@code --storage postgres}: one database shared by any number of server processes. */
@Module
interface PostgresStorageModule {
  @Provides
  @IntoMap
  @StorageKey(StorageKind.POSTGRES)
  static Storage postgres(ServerSettings settings) {
    return JdbcBackedStorage.open(
        DatabaseSettings.postgres(settings), settings.idempotencyTtl(), "--jdbc-url");
  }
}
