package dev.parkade.adapters.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.parkade.application.FacilityStatus;
import dev.parkade.application.ParkingService;
import dev.parkade.domain.Facility;
import dev.parkade.domain.SpotFeature;
import dev.parkade.domain.SpotFeatures;
import dev.parkade.domain.port.Occupancy;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The open-data feed: every facility in the ParkAPI JSON that OpenTripPlanner's {@code park-api}
 * vehicle-parking updater reads, from the exact counts at request time (ADR 0016, section 6).
 */
final class FeedRoutes {
  private static final DateTimeFormatter LAST_UPDATED =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");

  private final ParkingService service;
  private final Clock clock;

  FeedRoutes(ParkingService service, Clock clock) {
    this.service = service;
    this.clock = clock;
  }

  List<Route> routes() {
    return List.of(Route.get("/feeds/parkapi.json", Role.PUBLIC, this::parkApi));
  }

  record Coords(double lat, double lng) {}

  /**
   * A lot as ParkAPI spells it. OpenTripPlanner makes {@code total:disabled} and {@code
   * free:disabled} its wheelchair-accessible places; they are sent only for a facility that has
   * accessible spots.
   */
  @JsonPropertyOrder({"id", "name", "coords", "address", "total", "free", "state"})
  record Lot(
      String id,
      String name,
      @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Coords coords,
      @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String address,
      long total,
      long free,
      String state,
      @JsonProperty("lot_type") String lotType,
      boolean forecast,
      @JsonProperty("total:disabled") @JsonInclude(JsonInclude.Include.NON_NULL)
          @Nullable Long totalDisabled,
      @JsonProperty("free:disabled") @JsonInclude(JsonInclude.Include.NON_NULL)
          @Nullable Long freeDisabled) {
    static Lot from(FacilityStatus status) {
      Facility facility = status.facility();
      Occupancy all = status.counts().all();
      Occupancy accessible = status.counts().having(SpotFeatures.of(SpotFeature.ACCESSIBLE));
      boolean hasAccessible = accessible.total() > 0;
      return new Lot(
          facility.id().value(),
          facility.name(),
          facility.location().map(l -> new Coords(l.lat(), l.lon())).orElse(null),
          facility.address().orElse(null),
          all.total(),
          all.free(),
          // "closed" is for a facility that is closed, which nothing says today; a facility
          // without spots has no data for a journey planner.
          all.total() > 0 ? "open" : "nodata",
          "Parkhaus",
          false,
          hasAccessible ? accessible.total() : null,
          hasAccessible ? accessible.free() : null);
    }
  }

  record Feed(List<Lot> lots, @JsonProperty("last_updated") String lastUpdated) {}

  private void parkApi(Context ctx) {
    List<Lot> lots = service.facilities().stream().map(Lot::from).toList();
    String now =
        LocalDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.SECONDS), ZoneOffset.UTC)
            .format(LAST_UPDATED);
    ctx.json(new Feed(lots, now));
  }
}
