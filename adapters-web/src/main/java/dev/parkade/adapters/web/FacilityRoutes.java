package dev.parkade.adapters.web;

import dev.parkade.application.FacilityStatus;
import dev.parkade.application.KeyedParking;
import dev.parkade.application.OccupancyHistory;
import dev.parkade.application.ParkingService;
import dev.parkade.domain.Facility;
import dev.parkade.domain.FacilityId;
import dev.parkade.domain.port.KeyedRequest;
import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;

/**
 * Facilities (car parks) with their counts for anyone; creating and deleting them for operators.
 */
final class FacilityRoutes {
  private final ParkingService service;
  private final KeyedParking keyed;
  private final ApiMetrics metrics;
  private final OccupancyHistory history;

  FacilityRoutes(
      ParkingService service, KeyedParking keyed, ApiMetrics metrics, OccupancyHistory history) {
    this.service = service;
    this.keyed = keyed;
    this.metrics = metrics;
    this.history = history;
  }

  List<Route> routes() {
    return List.of(
        Route.get("/api/v1/facilities", Role.PUBLIC, this::list),
        Route.get("/api/v1/facilities/{id}", Role.PUBLIC, this::facility),
        Route.get("/api/v1/facilities/{id}/history", Role.PUBLIC, this::history),
        Route.post("/api/v1/facilities", Role.OPERATOR, this::create),
        Route.delete("/api/v1/facilities/{id}", Role.OPERATOR, this::delete));
  }

  private void list(Context ctx) {
    ctx.json(Bodies.Facilities.from(service.facilities()));
  }

  private void facility(Context ctx) {
    ctx.json(Bodies.Facility.from(service.facility(id(ctx))));
  }

  /** The facility's occupancy over the last hour as this server sampled it, oldest first. */
  private void history(Context ctx) {
    FacilityId id = id(ctx);
    service.facility(id); // an unknown facility is a 404, not an empty history
    ctx.json(Bodies.History.from(id, history.of(id)));
  }

  private void create(Context ctx, Optional<KeyedRequest> key) {
    Facility facility = RequestBodies.facility(Json.parse(BodyReader.read(ctx)));
    FacilityStatus created =
        key.isEmpty()
            ? service.createFacility(facility)
            : Idempotency.settle(ctx, metrics, keyed.createFacility(key.get(), facility));
    ctx.status(201).header("Location", "/api/v1/facilities/" + created.facility().id().value());
    ctx.json(Bodies.Facility.from(created));
  }

  private void delete(Context ctx, Optional<KeyedRequest> key) {
    FacilityId id = id(ctx);
    if (key.isEmpty()) {
      service.deleteFacility(id);
    } else {
      Idempotency.settle(ctx, metrics, keyed.deleteFacility(key.get(), id));
    }
    Bodies.noContent(ctx);
  }

  private static FacilityId id(Context ctx) {
    return new FacilityId(ctx.pathParam("id"));
  }
}
