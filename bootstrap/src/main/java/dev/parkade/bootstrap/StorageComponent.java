package dev.parkade.bootstrap;

import dagger.BindsInstance;
import dagger.Component;
import javax.inject.Singleton;

/**
 * Only the storage the settings name, chosen by the same {@link StorageModule} as the server's, for
 * commands that need storage and no server.
 */
@Singleton
@Component(modules = StorageModule.class)
interface StorageComponent {
  Storage storage();

  static StorageComponent create(ServerSettings settings) {
    return DaggerStorageComponent.factory().create(settings);
  }

  @Component.Factory
  interface Factory {
    StorageComponent create(@BindsInstance ServerSettings settings);
  }
}
