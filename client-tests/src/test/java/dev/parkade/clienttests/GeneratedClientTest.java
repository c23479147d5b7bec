package dev.parkade.clienttests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parkade.adapters.inmemory.InMemoryIdempotentWrites;
import dev.parkade.adapters.inmemory.InMemoryParkingLot;
import dev.parkade.adapters.web.ApiMetrics;
import dev.parkade.adapters.web.ParkadeApi;
import dev.parkade.adapters.web.Tokens;
import dev.parkade.application.KeyedParking;
import dev.parkade.application.ParkingService;
import dev.parkade.application.SessionIdGenerator;
import dev.parkade.client.ApiClient;
import dev.parkade.client.ApiException;
import dev.parkade.client.api.SessionsApi;
import dev.parkade.client.api.SpotsApi;
import dev.parkade.client.model.Lot;
import dev.parkade.client.model.Problem;
import dev.parkade.client.model.Session;
import dev.parkade.client.model.StartSession;
import dev.parkade.client.model.Vehicle;
import dev.parkade.domain.SpotId;
import dev.parkade.domain.UserId;
import io.javalin.Javalin;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A client generated from the served OpenAPI document, used as a client's developer would: if the
 * document cannot generate a client that compiles and talks to the server, this module fails.
 */
class GeneratedClientTest {
  private static final byte[] SECRET =
      "a-test-secret-of-at-least-32-bytes!!".getBytes(StandardCharsets.UTF_8);

  private final Tokens tokens = new Tokens(SECRET, Clock.systemUTC());
  private final InMemoryParkingLot lot = new InMemoryParkingLot();
  private final ParkingService service =
      new ParkingService(lot, lot, Clock.systemUTC(), SessionIdGenerator.randomUuids());
  private final KeyedParking keyed =
      new KeyedParking(
          new InMemoryIdempotentWrites(lot, Duration.ofHours(24)),
          lot,
          Clock.systemUTC(),
          SessionIdGenerator.randomUuids());
  private Javalin app = Javalin.create();

  @BeforeEach
  void start() {
    lot.add(List.of(new SpotId("P-1")));
    app =
        ParkadeApi.create(service, keyed, tokens, new ApiMetrics(service), () -> true, false)
            .start("127.0.0.1", 0);
  }

  @AfterEach
  void stop() {
    app.stop();
  }

  private ApiClient clientOf(String user) {
    String token = tokens.issue(new UserId(user), false, Duration.ofHours(1));
    ApiClient client = new ApiClient();
    client.updateBaseUri("http://127.0.0.1:" + app.port());
    client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
    return client;
  }

  private static StartSession startWith(String plate) {
    return new StartSession().vehicle(new Vehicle().plate(plate));
  }

  @Test
  void aDriver_parksIsRefusedWhenTheLotIsFull_andLeaves() throws Exception {
    SessionsApi alice = new SessionsApi(clientOf("alice"));
    SessionsApi bob = new SessionsApi(clientOf("bob"));
    SpotsApi anyone = new SpotsApi(clientOf("anyone"));

    Lot before = anyone.getLot();
    assertEquals(1, before.getTotal());
    assertEquals(1, before.getAvailable());

    Session started = alice.startSession(startWith("AB-123"), "alice-start");
    // a retry with the key is the same session, not a 409
    assertEquals(started, alice.startSession(startWith("AB-123"), "alice-start"));
    assertEquals("P-1", started.getSpotId());
    assertEquals("AB-123", started.getVehicle().getPlate());
    assertEquals(started.getId(), alice.getCurrentSession().getId());
    assertEquals(0, anyone.getLot().getAvailable());

    ApiException refused =
        assertThrows(ApiException.class, () -> bob.startSession(startWith("CD-456"), "bob-start"));
    assertEquals(409, refused.getCode());
    Problem problem = new ObjectMapper().readValue(refused.getResponseBody(), Problem.class);
    assertEquals(Problem.CodeEnum.NO_SPOTS_AVAILABLE, problem.getCode());
    assertEquals("No parking spots available", problem.getDetail());

    Session ended = alice.endCurrentSession("alice-end");
    assertEquals(started.getId(), ended.getId());
    assertEquals("ENDED", String.valueOf(ended.getStatus()));
    assertEquals(1, anyone.getLot().getAvailable());
  }
}
