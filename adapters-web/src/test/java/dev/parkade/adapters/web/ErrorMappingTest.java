package dev.parkade.adapters.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parkade.adapters.inmemory.InMemoryParkingLot;
import dev.parkade.application.ParkingService;
import dev.parkade.application.SessionIdGenerator;
import io.javalin.Javalin;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Failures that a real client cannot provoke on purpose (its connection failing halfway through the
 * body), thrown by a route as reading the body would throw them.
 */
class ErrorMappingTest {
  private final InMemoryParkingLot lot = new InMemoryParkingLot();
  private final ParkingService service =
      new ParkingService(lot, lot, Clock.systemUTC(), SessionIdGenerator.randomUuids());
  private Javalin app = Javalin.create();

  @AfterEach
  void stop() {
    app.stop();
  }

  private ApiClient.Reply postTo(Exception thrown) {
    app =
        Javalin.create(
            c -> {
              ErrorMapping.register(c.routes, new ApiMetrics(service));
              c.routes.post(
                  "/read",
                  ctx -> {
                    throw thrown;
                  });
            });
    app.start("127.0.0.1", 0);
    ApiClient client = new ApiClient(app.port());
    return client.send(
        client.request("/read", null).POST(HttpRequest.BodyPublishers.ofString("{}")));
  }

  @Test
  void aBodyThatCouldNotBeRead_isA400_notA500() {
    ApiClient.Reply reply = postTo(new IOException(new IllegalStateException("stream broken")));

    assertEquals(400, reply.status(), reply::body);
    assertEquals(Optional.of(Problem.CONTENT_TYPE), reply.header("Content-Type"));
    assertTrue(reply.body().contains("the request body could not be read"), reply::body);
    assertTrue(!reply.body().contains("Exception"), reply::body);
  }

  @Test
  void anythingElseUnforeseen_isStillA500_thatNamesNothingInside() {
    ApiClient.Reply reply = postTo(new IllegalStateException("secret detail"));

    assertEquals(500, reply.status(), reply::body);
    assertTrue(!reply.body().contains("secret detail"), reply::body);
  }
}
