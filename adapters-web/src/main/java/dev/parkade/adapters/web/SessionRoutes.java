package dev.parkade.adapters.web;

import dev.parkade.application.Limits;
import dev.parkade.application.ParkingService;
import dev.parkade.application.StartSession;
import dev.parkade.domain.ParkingSession;
import dev.parkade.domain.SessionId;
import dev.parkade.domain.SessionStatus;
import io.javalin.http.Context;
import java.util.List;

/** Parking sessions: a driver's own, and the operators' listing of everyone's. */
final class SessionRoutes {
  private final ParkingService service;
  private final ApiMetrics metrics;

  SessionRoutes(ParkingService service, ApiMetrics metrics) {
    this.service = service;
    this.metrics = metrics;
  }

  List<Route> routes() {
    return List.of(
        Route.post("/api/v1/sessions", Role.DRIVER, this::start),
        Route.get("/api/v1/sessions/current", Role.DRIVER, this::current),
        Route.post("/api/v1/sessions/current/end", Role.DRIVER, this::endCurrent),
        Route.get("/api/v1/sessions/{id}", Role.DRIVER, this::session),
        Route.post("/api/v1/sessions/{id}/end", Role.DRIVER, this::end),
        Route.get("/api/v1/sessions", Role.OPERATOR, this::list));
  }

  private void start(Context ctx) {
    StartSession command =
        RequestBodies.start(Access.caller(ctx).user(), Json.parse(BodyReader.read(ctx)));
    ParkingSession session = service.startSession(command);
    metrics.sessionStarted();
    ctx.status(201).header("Location", "/api/v1/sessions/" + session.id().value());
    ctx.json(Bodies.Session.from(session));
  }

  private void current(Context ctx) {
    ctx.json(Bodies.Session.from(service.currentSession(Access.caller(ctx).user())));
  }

  private void endCurrent(Context ctx) {
    ParkingSession ended = service.endCurrentSession(Access.caller(ctx).user());
    metrics.sessionEnded();
    ctx.json(Bodies.Session.from(ended));
  }

  private void session(Context ctx) {
    ctx.json(Bodies.Session.from(service.session(Access.caller(ctx), id(ctx))));
  }

  private void end(Context ctx) {
    ParkingSession ended = service.endSession(Access.caller(ctx), id(ctx));
    metrics.sessionEnded();
    ctx.json(Bodies.Session.from(ended));
  }

  private void list(Context ctx) {
    int limit = QueryParams.limit(ctx, Limits.DEFAULT_SESSIONS_PAGE);
    SessionStatus status = QueryParams.status(ctx);
    ctx.json(
        Bodies.SessionsPage.from(
            service.sessions(status, QueryParams.optional(ctx, "after"), limit)));
  }

  private static SessionId id(Context ctx) {
    return new SessionId(ctx.pathParam("id"));
  }
}
