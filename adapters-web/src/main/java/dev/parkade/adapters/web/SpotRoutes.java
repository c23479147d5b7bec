package dev.parkade.adapters.web;

import dev.parkade.application.KeyedParking;
import dev.parkade.application.Limits;
import dev.parkade.application.ParkingService;
import dev.parkade.domain.SpotId;
import dev.parkade.domain.port.KeyedRequest;
import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;

/** The lot and its spots: counts and free spots for anyone, the inventory for operators. */
final class SpotRoutes {
  private final ParkingService service;
  private final KeyedParking keyed;
  private final ApiMetrics metrics;

  SpotRoutes(ParkingService service, KeyedParking keyed, ApiMetrics metrics) {
    this.service = service;
    this.keyed = keyed;
    this.metrics = metrics;
  }

  List<Route> routes() {
    return List.of(
        Route.get("/api/v1/lot", Role.PUBLIC, this::lot),
        Route.get("/api/v1/spots/available", Role.PUBLIC, this::available),
        Route.get("/api/v1/spots", Role.OPERATOR, this::list),
        Route.post("/api/v1/spots", Role.OPERATOR, this::add),
        Route.delete("/api/v1/spots/{id}", Role.OPERATOR, this::remove));
  }

  private void lot(Context ctx) {
    ctx.json(Bodies.Lot.from(service.occupancy()));
  }

  private void available(Context ctx) {
    int limit = QueryParams.limit(ctx, Limits.DEFAULT_FREE_SPOTS);
    ctx.json(Bodies.Available.from(service.availableSpots(QueryParams.spotFilter(ctx), limit)));
  }

  private void list(Context ctx) {
    int limit = QueryParams.limit(ctx, Limits.DEFAULT_SPOTS_PAGE);
    Optional<SpotId> after = QueryParams.spotAfter(ctx);
    ctx.json(Bodies.SpotsPage.from(service.spots(QueryParams.spotFilter(ctx), after, limit)));
  }

  private void add(Context ctx, Optional<KeyedRequest> key) {
    RequestBodies.SpotsToAdd add = RequestBodies.spotsToAdd(Json.parse(BodyReader.read(ctx)));
    List<SpotId> added =
        key.isEmpty()
            ? service.addSpots(add.facility(), add.features(), add.ids())
            : Idempotency.settle(
                ctx, metrics, keyed.addSpots(key.get(), add.facility(), add.features(), add.ids()));
    ctx.status(201).json(new Bodies.Created(added.stream().map(SpotId::value).toList()));
  }

  private void remove(Context ctx, Optional<KeyedRequest> key) {
    SpotId id = new SpotId(ctx.pathParam("id"));
    if (key.isEmpty()) {
      service.removeSpot(id);
    } else {
      Idempotency.settle(ctx, metrics, keyed.removeSpot(key.get(), id));
    }
    Bodies.noContent(ctx);
  }
}
