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
    started = Counter.builder("parkade_sessions_started").register(registry);
    ended = Counter.builder("parkade_sessions_ended").register(registry);
    storageErrors = Counter.builder("parkade_storage_errors").register(registry);
    // Read at scrape time; a storage that is down shows NaN rather than failing the scrape.
    Gauge.builder("parkade_spots_free", service, s -> s.occupancy().free())
        .strongReference(true)
        .register(registry);
    Gauge.builder("parkade_spots_occupied", service, s -> s.occupancy().occupied())
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
