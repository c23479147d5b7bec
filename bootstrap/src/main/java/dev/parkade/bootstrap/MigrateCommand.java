package dev.parkade.bootstrap;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code parkade migrate}: brings the configured database's schema up to date, then exits. */
@Command(
    name = "migrate",
    mixinStandardHelpOptions = true,
    description = "Apply the database migrations to the configured JDBC storage and exit.")
final class MigrateCommand implements Callable<Integer> {
  @Mixin StorageOptions storage = new StorageOptions();

  @Override
  public Integer call() {
    ServerSettings settings = storage.settings();
    StorageKind kind = settings.storage();
    if (!kind.hasDatabase()) {
      throw new ConfigurationException(
          "--storage", kind.flagValue() + " has no database to migrate");
    }
    StorageComponent.create(settings).storage().close(); // opening migrates
    System.out.println("migrations applied");
    return 0;
  }
}
