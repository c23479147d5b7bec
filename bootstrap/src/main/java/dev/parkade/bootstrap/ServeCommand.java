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
          "spots created on first start with an empty lot: L1-001..., numbered with at least 3 digits (env PARKADE_SPOTS; default ${DEFAULT-VALUE})")
  int spots;

  @Option(
      names = "--access-log",
      defaultValue = "${env:PARKADE_ACCESS_LOG:-on}",
      description =
          "on or off: one line per request on standard output (env PARKADE_ACCESS_LOG; default ${DEFAULT-VALUE})")
  OnOff accessLog = OnOff.ON;

  @Option(
      names = "--idempotency-ttl",
      defaultValue = "${env:PARKADE_IDEMPOTENCY_TTL:-24h}",
      description =
          "how long an Idempotency-Key and its answer are kept, 1m to 30d (env PARKADE_IDEMPOTENCY_TTL; default ${DEFAULT-VALUE})")
  String idempotencyTtl = "24h";

  @Mixin StorageOptions storage = new StorageOptions();

  @Override
  public Integer call() throws InterruptedException {
    ServerSettings settings =
        storage.settings(
            host,
            port,
            spots,
            accessLog.isOn(),
            ServerSettings.IDEMPOTENCY_TTL.parse(idempotencyTtl));
    StopOnSignal stop = StopOnSignal.install();
    ParkadeServer server;
    try {
      server =
          ParkadeComponent.create(settings, Environment.ofSystem(), Clock.systemUTC()).server();
      if (!stop.requested()) {
        server.start();
      }
    } catch (RuntimeException e) {
      if (stop.startUpFailed()) {
        throw e;
      }
      awaitStop();
      return 0;
    }
    stop.startUpOver(server);
    awaitStop();
    return 0;
  }

  /** Until the process is asked to stop; {@link StopOnSignal} then ends it. */
  private static void awaitStop() throws InterruptedException {
    new CountDownLatch(1).await();
  }
}
