package dev.parkade.adapters.web;

import dev.parkade.application.FacilityStatus;
import dev.parkade.application.ParkingService;
import dev.parkade.domain.StorageUnavailableException;
import dev.parkade.domain.port.Occupancy;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/** What {@code /metrics} shows, in Prometheus text format. */
public final class ApiMetrics {
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Counter started;
  private final Counter ended;
  private final Counter storageErrors;
  private final ParkingService service;
  private final MultiGauge facilityFree;
  private final MultiGauge facilityOccupied;
  private final MultiGauge featureFree;

  public ApiMetrics(ParkingService service) {
    this.service = service;
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
    facilityFree =
        MultiGauge.builder("parkade_facility_spots_free")
            .description("Spots free now in each facility")
            .register(registry);
    facilityOccupied =
        MultiGauge.builder("parkade_facility_spots_occupied")
            .description("Spots held by an active session now in each facility")
            .register(registry);
    featureFree =
        MultiGauge.builder("parkade_facility_feature_spots_free")
            .description("Spots free now in each facility that have the feature")
            .register(registry);
  }

  /**
   * The per-facility gauges, read once a scrape: facilities come and go, so their rows are rebuilt
   * from one reading of every facility's counts. A storage that is down leaves the last rows.
   */
  private void readFacilities() {
    List<FacilityStatus> facilities;
    try {
      facilities = service.facilities();
    } catch (StorageUnavailableException e) {
      return;
    }
    List<MultiGauge.Row<?>> free = new ArrayList<>();
    List<MultiGauge.Row<?>> occupied = new ArrayList<>();
    List<MultiGauge.Row<?>> features = new ArrayList<>();
    for (FacilityStatus facility : facilities) {
      Tags tags = Tags.of("facility", facility.facility().id().value());
      Occupancy all = facility.counts().all();
      free.add(MultiGauge.Row.of(tags, all.free()));
      occupied.add(MultiGauge.Row.of(tags, all.occupied()));
      facility
          .counts()
          .byFeature()
          .forEach(
              (feature, counts) ->
                  features.add(
                      MultiGauge.Row.of(tags.and("feature", feature.name()), counts.free())));
    }
    facilityFree.register(free, true);
    facilityOccupied.register(occupied, true);
    featureFree.register(features, true);
  }

  /**
   * Exports the idempotency keys that the server forgot: those purged past their lifetime, and
   * those dropped before it because a storage that caps its keys was full. Both are read at scrape
   * time from the counts their owners keep.
   */
  public void countForgottenKeys(LongSupplier purged, LongSupplier dropped) {
    FunctionCounter.builder("parkade_idempotency_keys_purged", purged, LongSupplier::getAsLong)
        .description("Idempotency keys deleted after their lifetime by this server's purge")
        .register(registry);
    FunctionCounter.builder("parkade_idempotency_keys_dropped", dropped, LongSupplier::getAsLong)
        .description(
            "Idempotency keys forgotten before their lifetime because the in-memory key table was"
                + " full, oldest first (always 0 on a database)")
        .register(registry);
  }

  /**
   * Exports the request-log lines dropped because standard output did not keep up (the log never
   * makes a request wait), read at scrape time from the count the log keeps.
   */
  public void countDroppedLogLines(LongSupplier dropped) {
    FunctionCounter.builder("parkade_request_log_dropped", dropped, LongSupplier::getAsLong)
        .description("Request-log lines dropped because standard output did not keep up with them")
        .register(registry);
  }

  /** Exports how many event streams are open, of occupancy and of drivers' sessions. */
  void countStreams(IntSupplier occupancy, IntSupplier sessions) {
    Gauge.builder("parkade_sse_clients", occupancy, IntSupplier::getAsInt)
        .description("Server-Sent Events streams open on this server, by stream")
        .tag("stream", "occupancy")
        .register(registry);
    Gauge.builder("parkade_sse_clients", sessions, IntSupplier::getAsInt)
        .description("Server-Sent Events streams open on this server, by stream")
        .tag("stream", "sessions")
        .register(registry);
  }

  /** A stream closed because its client fell a whole queue behind. */
  void streamDropped(String stream) {
    Counter.builder("parkade_sse_dropped")
        .description("Server-Sent Events streams closed because their client read too slowly")
        .tag("stream", stream)
        .register(registry)
        .increment();
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

  /** A keyed write answered with what its key held: nothing ran. */
  void replayed(String route) {
    Counter.builder("parkade_idempotency_replays")
        .description("Keyed writes answered with their key's stored response, by route")
        .tag("route", route)
        .register(registry)
        .increment();
  }

  /** A keyed write refused for its key: still in progress (409) or reused for another request. */
  void idempotencyConflict(String route, String code) {
    Counter.builder("parkade_idempotency_conflicts")
        .description("Keyed writes refused for their key (in progress, reused), by route and code")
        .tag("route", route)
        .tag("code", code)
        .register(registry)
        .increment();
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
    readFacilities();
    return registry.scrape();
  }
}
