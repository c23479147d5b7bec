package dev.parkade.adapters.web;

import dev.parkade.application.Caller;
import dev.parkade.application.ParkingService;
import dev.parkade.domain.FacilityId;
import dev.parkade.domain.InvalidValueException;
import dev.parkade.domain.ParkingException;
import dev.parkade.domain.ParkingSession;
import dev.parkade.domain.SessionId;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The Server-Sent Events streams (ADR 0016): occupancy for anyone, and a driver's own sessions. A
 * stream is answered whatever the request's {@code Accept}, so that {@code curl -N} gets it too,
 * and holds no thread while it waits: the request goes asynchronous and its {@link EventStream}
 * writes only when there is something to write.
 */
final class EventRoutes {
  private static final String OCCUPANCY = "occupancy";
  private static final String SESSIONS = "sessions";

  private final ParkingService service;
  private final EventStreams streams;
  private final ApiMetrics metrics;

  EventRoutes(ParkingService service, EventStreams streams, ApiMetrics metrics) {
    this.service = service;
    this.streams = streams;
    this.metrics = metrics;
  }

  List<Route> routes() {
    return List.of(
        Route.get("/api/v1/events", Role.PUBLIC, this::occupancy),
        Route.get("/api/v1/sessions/current/events", Role.DRIVER, this::sessions));
  }

  private void occupancy(Context ctx) {
    Optional<FacilityId> facility = QueryParams.facility(ctx);
    facility.ifPresent(service::facility); // an unknown facility is a 404 before any stream
    open(ctx, OCCUPANCY, stream -> streams.joinOccupancy(stream, facility));
  }

  private void sessions(Context ctx) {
    Caller caller = Access.caller(ctx);
    Optional<String> lastEventId = Optional.ofNullable(ctx.header("Last-Event-ID"));
    open(
        ctx,
        SESSIONS,
        stream -> streams.joinSessions(stream, caller.user(), () -> snapshot(caller, lastEventId)));
  }

  /**
   * The driver's active session; failing that, the session that {@code Last-Event-ID} names, as it
   * is now (it ended while the client was away). A foreign or malformed id is ignored.
   */
  private Optional<ParkingSession> snapshot(Caller caller, Optional<String> lastEventId) {
    try {
      return Optional.of(service.currentSession(caller.user()));
    } catch (ParkingException noneActive) {
      return lastEventId.flatMap(id -> seen(caller, EventFrames.sessionIdOf(id)));
    }
  }

  private Optional<ParkingSession> seen(Caller caller, String sessionId) {
    try {
      return Optional.of(service.session(caller, new SessionId(sessionId)));
    } catch (ParkingException | InvalidValueException notOurs) {
      return Optional.empty();
    }
  }

  private void open(Context ctx, String name, Consumer<EventStream> join) {
    ctx.status(200);
    ctx.contentType("text/event-stream;charset=utf-8");
    ctx.header("Cache-Control", "no-store");
    ctx.header("X-Accel-Buffering", "no"); // a proxy in front must not hold events back
    if (ctx.method().equals(HandlerType.HEAD)) {
      return;
    }
    HttpServletResponse res = ctx.res();
    res.setBufferSize(2048);
    ctx.future(
        () -> {
          try {
            EventStream stream =
                new EventStream(
                    ctx.req().getAsyncContext(),
                    res.getOutputStream(),
                    () -> metrics.streamDropped(name));
            join.accept(stream);
            return stream.closed();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }
}
