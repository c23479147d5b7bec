package dev.parkade.adapters.web;

import dev.parkade.application.ParkingService;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;

/** What {@code /metrics} shows, in Prometheus text format. */
public final class ApiMetrics {
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Counter started;
  private final Counter ended;
  private final Counter storageErrors;

  public ApiMetrics(ParkingService service) {
    started =
        Counter.builder("parkade_sessions_started")
            .description("Parking sessions started through this server")
            .register(registry);
    ended =
        Counter.builder("parkade_sessions_ended")
            .description("Parking sessions ended through this server")
            .register(registry);
    storageErrors =
        Counter.builder("parkade_storage_errors")
            .description("Requests that failed because storage did not answer (answered 503)")
            .register(registry);
    // Read at scrape time; a storage that is down shows NaN rather than failing the scrape.
    Gauge.builder("parkade_spots_free", service, s -> s.occupancy().free())
        .description("Spots free now in the whole deployment, as storage counts them")
        .strongReference(true)
        .register(registry);
    Gauge.builder("parkade_spots_occupied", service, s -> s.occupancy().occupied())
        .description("Spots held by an active session now in the whole deployment")
        .strongReference(true)
        .register(registry);
  }

  void sessionStarted() {
    started.increment();
  }

  void sessionEnded() {
    ended.increment();
  }

  void storageError() {
    storageErrors.increment();
  }

  void request(String method, String route, int status, Duration duration) {
    Timer.builder("parkade_http_requests")
        .description("HTTP requests answered, by method, matched route and status")
        .tag("method", method)
        .tag("route", route)
        .tag("status", Integer.toString(status))
        .publishPercentileHistogram()
        .register(registry)
        .record(duration);
  }

  String scrape() {
    return registry.scrape();
  }
}
