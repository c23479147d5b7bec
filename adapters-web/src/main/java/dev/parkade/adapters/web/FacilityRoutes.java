package dev.parkade.adapters.web;

import dev.parkade.application.FacilityStatus;
import dev.parkade.application.ParkingService;
import dev.parkade.domain.FacilityId;
import io.javalin.http.Context;
import java.util.List;

/**
 * Facilities (car parks) with their counts for anyone; creating and deleting them for operators.
 */
final class FacilityRoutes {
  private final ParkingService service;

  FacilityRoutes(ParkingService service) {
    this.service = service;
  }

  List<Route> routes() {
    return List.of(
        Route.get("/api/v1/facilities", Role.PUBLIC, this::list),
        Route.get("/api/v1/facilities/{id}", Role.PUBLIC, this::facility),
        Route.post("/api/v1/facilities", Role.OPERATOR, this::create),
        Route.delete("/api/v1/facilities/{id}", Role.OPERATOR, this::delete));
  }

  private void list(Context ctx) {
    ctx.json(Bodies.Facilities.from(service.facilities()));
  }

  private void facility(Context ctx) {
    ctx.json(Bodies.Facility.from(service.facility(id(ctx))));
  }

  private void create(Context ctx) {
    FacilityStatus created =
        service.createFacility(RequestBodies.facility(Json.parse(BodyReader.read(ctx))));
    ctx.status(201).header("Location", "/api/v1/facilities/" + created.facility().id().value());
    ctx.json(Bodies.Facility.from(created));
  }

  private void delete(Context ctx) {
    service.deleteFacility(id(ctx));
    Bodies.noContent(ctx);
  }

  private static FacilityId id(Context ctx) {
    return new FacilityId(ctx.pathParam("id"));
  }
}
