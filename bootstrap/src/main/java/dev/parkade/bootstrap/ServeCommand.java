package dev.parkade.bootstrap;

import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code parkade serve}: runs the HTTP server until SIGTERM or SIGINT. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = "Start the HTTP server; logs one line with its URL when ready.")
final class ServeCommand implements Callable<Integer> {
  @Option(
      names = "--port",
      defaultValue = "${env:PARKADE_PORT:-8080}",
      description = "HTTP port, 0 for any free one (env PARKADE_PORT; default ${DEFAULT-VALUE})")
  int port;

  @Option(
      names = "--host",
      defaultValue = "${env:PARKADE_HOST:-127.0.0.1}",
      description = "address to bind (env PARKADE_HOST; default ${DEFAULT-VALUE})")
  String host = "127.0.0.1";

  @Option(
      names = "--spots",
      defaultValue = "${env:PARKADE_SPOTS:-100}",
      description =
          "spots L1-001... created on first start with an empty lot (env PARKADE_SPOTS; default ${DEFAULT-VALUE})")
  int spots;

  @Mixin StorageOptions storage = new StorageOptions();

  @Override
  public Integer call() throws InterruptedException {
    ParkadeServer server =
        ParkadeComponent.create(
                storage.settings(host, port, spots), Environment.ofSystem(), Clock.systemUTC())
            .server();
    server.start();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.stop();
                  System.out.flush();
                  // A requested stop (SIGTERM, SIGINT) is a clean exit: status 0, not 143.
                  Runtime.getRuntime().halt(0);
                },
                "parkade-shutdown"));
    new CountDownLatch(1).await(); // until the process is asked to stop
    return 0;
  }
}
