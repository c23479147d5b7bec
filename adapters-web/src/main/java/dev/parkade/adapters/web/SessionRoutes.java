package dev.parkade.adapters.web;

import dev.parkade.application.Answered;
import dev.parkade.application.KeyedParking;
import dev.parkade.application.Limits;
import dev.parkade.application.ParkingService;
import dev.parkade.application.StartSession;
import dev.parkade.domain.ParkingSession;
import dev.parkade.domain.SessionId;
import dev.parkade.domain.SessionStatus;
import dev.parkade.domain.port.KeyedRequest;
import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;

/** Parking sessions: a driver's own, and the operators' listing of everyone's. */
final class SessionRoutes {
  private final ParkingService service;
  private final KeyedParking keyed;
  private final ApiMetrics metrics;

  SessionRoutes(ParkingService service, KeyedParking keyed, ApiMetrics metrics) {
    this.service = service;
    this.keyed = keyed;
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

  private void start(Context ctx, Optional<KeyedRequest> key) {
    StartSession command =
        RequestBodies.start(Access.caller(ctx).user(), Json.parse(BodyReader.read(ctx)));
    ParkingSession session;
    if (key.isEmpty()) {
      session = service.startSession(command);
      metrics.sessionStarted();
    } else {
      session = settle(ctx, keyed.startSession(key.get(), command), metrics::sessionStarted);
    }
    ctx.status(201).header("Location", "/api/v1/sessions/" + session.id().value());
    ctx.json(Bodies.Session.from(session));
  }

  private void current(Context ctx) {
    ctx.json(Bodies.Session.from(service.currentSession(Access.caller(ctx).user())));
  }

  private void endCurrent(Context ctx, Optional<KeyedRequest> key) {
    ParkingSession ended;
    if (key.isEmpty()) {
      ended = service.endCurrentSession(Access.caller(ctx).user());
      metrics.sessionEnded();
    } else {
      ended = settle(ctx, keyed.endCurrentSession(key.get()), metrics::sessionEnded);
    }
    ctx.json(Bodies.Session.from(ended));
  }

  private void session(Context ctx) {
    ctx.json(Bodies.Session.from(service.session(Access.caller(ctx), id(ctx))));
  }

  private void end(Context ctx, Optional<KeyedRequest> key) {
    SessionId id = id(ctx);
    ParkingSession ended;
    if (key.isEmpty()) {
      ended = service.endSession(Access.caller(ctx), id);
      metrics.sessionEnded();
    } else {
      ended =
          settle(ctx, keyed.endSession(key.get(), Access.caller(ctx), id), metrics::sessionEnded);
    }
    ctx.json(Bodies.Session.from(ended));
  }

  /** A keyed answer's session; only a fresh one is counted, as a start or end made now. */
  private ParkingSession settle(Context ctx, Answered<ParkingSession> answer, Runnable fresh) {
    ParkingSession session = Idempotency.settle(ctx, metrics, answer);
    if (!answer.replayed()) {
      fresh.run();
    }
    return session;
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
