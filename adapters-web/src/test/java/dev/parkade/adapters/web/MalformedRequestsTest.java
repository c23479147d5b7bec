package dev.parkade.adapters.web;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sageserpent.americium.java.Trials;
import com.sageserpent.americium.java.TrialsApi;
import com.sageserpent.americium.java.TrialsScaffolding;
import dev.parkade.adapters.inmemory.InMemoryParkingLot;
import dev.parkade.application.ParkingService;
import dev.parkade.application.SessionIdGenerator;
import dev.parkade.domain.UserId;
import dev.parkade.domain.port.Fixtures;
import io.javalin.Javalin;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Generated malformed requests (wrong methods, odd paths and ids, bad query parameters, broken or
 * hostile bodies, every kind of token) must never get a 5xx: whatever the client sends, a fault of
 * the client is a 4xx problem.
 */
class MalformedRequestsTest {
  private static final TrialsApi API = Trials.api();

  private final Tokens tokens = new Tokens(ParkadeApiTest.SECRET, Clock.systemUTC());
  private final InMemoryParkingLot lot = new InMemoryParkingLot();
  private final ParkingService service =
      new ParkingService(lot, lot, Clock.systemUTC(), SessionIdGenerator.randomUuids());
  private Javalin app = Javalin.create();

  @BeforeEach
  void start() {
    lot.add(Fixtures.spotIds(5));
    app = ParkadeApi.create(service, tokens, new ApiMetrics(service), () -> true, true);
    app.start("127.0.0.1", 0);
  }

  @AfterEach
  void stop() {
    app.stop();
  }

  record Request(String method, String path, String body, String token) {}

  private static final String[] ROUTES = {
    "/api/v1/sessions",
    "/api/v1/sessions/current",
    "/api/v1/sessions/current/end",
    "/api/v1/sessions/%s",
    "/api/v1/sessions/%s/end",
    "/api/v1/lot",
    "/api/v1/spots/available",
    "/api/v1/spots",
    "/api/v1/spots/%s",
    "/health/ready",
    "/%s"
  };

  private static final String[] SEGMENTS = {
    "s-1",
    "",
    "..",
    "%2e%2e",
    "x".repeat(300),
    "L1-001",
    "%00",
    "ünïcode",
    "a b",
    "%25ZZ",
    "null",
    "-1"
  };

  private static final String[] QUERIES = {
    "",
    "?limit=0",
    "?limit=-5",
    "?limit=abc",
    "?limit=99999999999",
    "?limit=1e3",
    "?limit=",
    "?status=OPEN",
    "?status=active",
    "?after=%25",
    "?after=",
    "?after=" + "z".repeat(500),
    "?limit=2&after=L1-001",
    "?status=ENDED&after=QXxMMQ",
    "?limit=1&limit=2"
  };

  private static final String[] BODIES = {
    "",
    "{",
    "null",
    "[]",
    "\"text\"",
    "{\"vehicle\":null}",
    "{\"vehicle\":{\"plate\":null}}",
    "{\"vehicle\":{\"plate\":[1,2]}}",
    "{\"vehicle\":{\"plate\":{\"x\":1}}}",
    "{\"vehicle\":{\"plate\":\"" + "Z".repeat(200) + "\"}}",
    "{\"vehicle\":{\"plate\":\"AB 12\"}} trailing",
    "{\"ids\":null}",
    "{\"ids\":\"L9\"}",
    "{\"ids\":[null]}",
    "{\"ids\":[\"" + "q".repeat(40) + "\"]}",
    "{\"ids\":[\"A\",\"A\"]}",
    "{\"ids\":[1.5e308]}",
    "[".repeat(2000),
    "{\"a\":".repeat(100) + "1" + "}".repeat(100),
    "\u0000\u0001\u0002",
    "NaN",
    "{\"vehicle\":{\"plate\":\"AB1\"},\"vehicle\":{\"plate\":\"AB2\"}}"
  };

  @Test
  void malformedRequests_neverGetA5xx() {
    String driver = tokens.issue(new UserId("driver"), false, Duration.ofHours(1));
    String operator = tokens.issue(new UserId("ops"), true, Duration.ofHours(1));
    Trials<String> tokenChoice = API.choose("", "garbage", "a.b.c", driver, operator);
    Trials<Request> requests =
        API.choose("GET", "POST", "DELETE", "PUT", "PATCH")
            .flatMap(
                method ->
                    API.choose(ROUTES)
                        .flatMap(
                            route ->
                                API.choose(SEGMENTS)
                                    .flatMap(
                                        segment ->
                                            API.choose(QUERIES)
                                                .flatMap(
                                                    query ->
                                                        API.choose(BODIES)
                                                            .flatMap(
                                                                body ->
                                                                    tokenChoice.map(
                                                                        token ->
                                                                            new Request(
                                                                                method,
                                                                                route.replace(
                                                                                        "%s",
                                                                                        encode(
                                                                                            segment))
                                                                                    + query,
                                                                                body,
                                                                                token)))))));

    requests
        .withLimits(400, TrialsScaffolding.OptionalLimits.builder().build())
        .supplyTo(this::assertNoServerError);
  }

  private static String encode(String segment) {
    return segment.contains("%") ? segment : URLEncoder.encode(segment, StandardCharsets.UTF_8);
  }

  private void assertNoServerError(Request request) {
    // A fresh connection per request: a refused request may leave its connection closed, and a
    // reused dead connection would be the client's failure, not the server's answer.
    ApiClient client = new ApiClient(app.port());
    HttpRequest.Builder builder =
        client
            .request(request.path(), request.token().isEmpty() ? null : request.token())
            .method(request.method(), HttpRequest.BodyPublishers.ofString(request.body()));
    ApiClient.Reply reply = client.send(builder);
    assertTrue(reply.status() < 500, () -> request + " -> " + reply.status() + " " + reply.body());
  }
}
