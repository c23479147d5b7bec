package dev.parkade.bootstrap;

import dagger.Module;
import dagger.Provides;
import java.util.Map;
import javax.inject.Provider;
import javax.inject.Singleton;

/** Opens the one storage kind the configuration names; the others are never touched. */
@Module(
    includes = {InMemoryStorageModule.class, H2StorageModule.class, PostgresStorageModule.class})
interface StorageModule {
  @Provides
  @Singleton
  static Storage storage(ServerSettings settings, Map<StorageKind, Provider<Storage>> kinds) {
    Provider<Storage> kind = kinds.get(settings.storage());
    if (kind == null) {
      throw new ConfigurationException("--storage", "no storage of kind " + settings.storage());
    }
    return kind.get();
  }
}
