package dev.parkade.adapters.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.parkade.application.KeyedParking;
import dev.parkade.application.ParkingService;
import dev.parkade.application.SessionIdGenerator;
import dev.parkade.domain.StorageUnavailableException;
import dev.parkade.domain.UserId;
import dev.parkade.domain.port.FacilityCatalogue;
import dev.parkade.domain.port.IdempotentWrites;
import dev.parkade.domain.port.SessionStore;
import dev.parkade.domain.port.SpotInventory;
import io.javalin.Javalin;
import io.javalin.security.Roles;
import io.javalin.security.RouteRole;
import java.io.IOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The HTTP API over real loopback HTTP, on in-memory storage. */
class ParkadeApiTest {
  @RegisterExtension final RunningApi api = new RunningApi(3);
  private final Tokens tokens = api.tokens;
  private final ParkingService service = api.service;

  private final String alice = api.driver("alice");
  private final String bob = api.driver("bob");
  private final String operator = api.operator("ops");

  private ApiClient.Reply park(String token, String plate) {
    return api.client()
        .post("/api/v1/sessions", "{\"vehicle\": {\"plate\": \"" + plate + "\"}}", token);
  }

  private static void assertProblem(ApiClient.Reply reply, int status, String code) {
    assertEquals(status, reply.status(), reply::body);
    assertEquals(
        Problem.CONTENT_TYPE, reply.header("Content-Type").orElse(""), "problem+json content type");
    assertEquals(code, reply.code(), reply::body);
    assertEquals(status, reply.json().path("status").asInt());
    assertFalse(reply.json().path("type").asText().isEmpty());
    assertFalse(reply.json().path("title").asText().isEmpty());
  }

  private static void assertProblem(ApiClient.Reply reply, int status, String code, String detail) {
    assertProblem(reply, status, code);
    assertEquals(detail, reply.detail());
  }

  // ---------------------------------------------------------------- drivers

  @Test
  void driver_startsReadsAndEndsTheirSession() {
    ApiClient.Reply started = park(alice, "ab 123");

    assertEquals(201, started.status(), started::body);
    JsonNode session = started.json();
    String id = session.path("id").asText();
    assertEquals("/api/v1/sessions/" + id, started.header("Location").orElse(""));
    assertEquals("alice", session.path("userId").asText());
    assertEquals("AB123", session.path("vehicle").path("plate").asText());
    assertEquals("ACTIVE", session.path("status").asText());
    assertTrue(session.path("startTime").asText().endsWith("Z"));
    assertTrue(session.has("endTime") && session.path("endTime").isNull());

    assertEquals(session, api.client().get("/api/v1/sessions/current", alice).json());
    assertEquals(session, api.client().get("/api/v1/sessions/" + id, alice).json());
    assertEquals(
        "{\"total\":3,\"available\":2,\"occupied\":1}",
        api.client().get("/api/v1/lot", null).body());

    ApiClient.Reply ended = api.client().post("/api/v1/sessions/current/end", "", alice);
    assertEquals(200, ended.status());
    assertEquals("ENDED", ended.json().path("status").asText());
    assertTrue(ended.json().path("endTime").asText().endsWith("Z"));
    assertProblem(
        api.client().get("/api/v1/sessions/current", alice),
        404,
        "NO_ACTIVE_SESSION",
        "No active parking session");
    assertProblem(
        api.client().post("/api/v1/sessions/current/end", "", alice),
        404,
        "NO_ACTIVE_SESSION",
        "No active parking session");
    assertEquals(
        "ENDED", api.client().get("/api/v1/sessions/" + id, alice).json().path("status").asText());
  }

  @Test
  void start_refusals_comeWithTheirCodesAndExactMessages() {
    park(alice, "AB-1");
    assertProblem(
        park(alice, "AB-2"),
        409,
        "USER_HAS_ACTIVE_SESSION",
        "User already has an active parking session");
    assertProblem(
        park(bob, "ab-1"),
        409,
        "VEHICLE_ALREADY_PARKED",
        "Vehicle already has an active parking session");
    park(bob, "BB-1");
    park(api.driver("carol"), "CC-1");
    assertProblem(
        park(api.driver("dave"), "DD-1"), 409, "NO_SPOTS_AVAILABLE", "No parking spots available");
  }

  @Test
  void sessionById_ofSomeoneElse_isNotFound_butOperatorsSeeAndEndIt() {
    String id = park(alice, "AB-1").json().path("id").asText();

    assertProblem(api.client().get("/api/v1/sessions/" + id, bob), 404, "SESSION_NOT_FOUND");
    assertProblem(
        api.client().post("/api/v1/sessions/" + id + "/end", "", bob), 404, "SESSION_NOT_FOUND");
    assertProblem(api.client().get("/api/v1/sessions/no-such-id", bob), 404, "SESSION_NOT_FOUND");
    assertEquals(200, api.client().get("/api/v1/sessions/" + id, operator).status());

    assertEquals(200, api.client().post("/api/v1/sessions/" + id + "/end", "", operator).status());
    assertProblem(
        api.client().post("/api/v1/sessions/" + id + "/end", "", alice),
        409,
        "SESSION_ALREADY_ENDED");
  }

  // ---------------------------------------------------------------- bad input

  @Test
  void badInput_isA400NamingWhatIsWrong_neverA500() {
    assertProblem(park(alice, "no_underscores"), 400, "INVALID_REQUEST");
    assertTrue(park(alice, "no_underscores").detail().contains("vehicle.plate"));
    assertProblem(
        api.client().post("/api/v1/sessions", "{not json", alice), 400, "INVALID_REQUEST");
    assertProblem(api.client().post("/api/v1/sessions", "", alice), 400, "INVALID_REQUEST");
    assertProblem(api.client().post("/api/v1/sessions", "[]", alice), 400, "INVALID_REQUEST");
    assertProblem(
        api.client().post("/api/v1/sessions", "{\"vehicle\": {\"plate\": 123}}", alice),
        400,
        "INVALID_REQUEST",
        "vehicle.plate is required and must be a string");
    assertProblem(
        api.client().post("/api/v1/sessions", "{\"vehicle\": \"AB1\"}", alice),
        400,
        "INVALID_REQUEST");
    String deep = "[".repeat(5000) + "]".repeat(5000);
    assertProblem(api.client().post("/api/v1/sessions", deep, alice), 400, "INVALID_REQUEST");
    assertProblem(
        api.client().get("/api/v1/spots/available?limit=abc", null), 400, "INVALID_REQUEST");
    assertTrue(
        api.client().get("/api/v1/spots/available?limit=0", null).detail().contains("limit"));
    assertProblem(
        api.client().get("/api/v1/spots/available?limit=100001", null), 400, "INVALID_REQUEST");
    assertProblem(
        api.client().get("/api/v1/sessions/" + "x".repeat(65), alice), 400, "INVALID_REQUEST");
    assertProblem(
        api.client().get("/api/v1/sessions?status=OPEN", operator), 400, "INVALID_REQUEST");
    assertProblem(
        api.client().get("/api/v1/sessions?after=%25%25", operator), 400, "INVALID_REQUEST");
    assertProblem(
        api.client().get("/api/v1/spots?after=bad%20id", operator), 400, "INVALID_REQUEST");
    assertTrue(
        api.client().get("/api/v1/spots?after=bad%20id", operator).detail().startsWith("after may"),
        "a bad spot cursor is named as the parameter it came in");
    assertProblem(api.client().get("/api/v1/nowhere", null), 404, "NOT_FOUND");
    assertProblem(api.client().delete("/api/v1/lot", null), 405, "METHOD_NOT_ALLOWED");
    assertEquals(
        Optional.of("GET, HEAD"), api.client().delete("/api/v1/lot", null).header("Allow"));
  }

  @Test
  void queryParametersThatAreNotUtf8_areA400NamingThem_onEveryRoute() {
    // Escapes that are not even pairs of hex digits: BrokenRequestsTest, which a URI cannot carry.
    assertBadlyEncoded(
        api.client().get("/api/v1/spots?after=%C3%28", operator), "query parameter 'after'");
    assertBadlyEncoded(
        api.client().get("/api/v1/sessions?status=ENDED&x=%E2%82", operator),
        "query parameter 'x'");
    assertBadlyEncoded(api.client().get("/api/v1/lot?x=%C3%28", null), "query parameter 'x'");
    assertBadlyEncoded(
        api.client().get("/api/v1/lot?li%6Dit=%C3%28", null), "query parameter 'limit'");
    assertBadlyEncoded(
        api.client().get("/api/v1/lot?=%C3%28", null), "a query parameter without a name");
    assertProblem(api.client().get("/api/v1/nowhere?x=%C3%28", null), 404, "NOT_FOUND");
    assertTrue(
        api.client()
            .get("/metrics", null)
            .body()
            .contains("route=\"/api/v1/spots\",status=\"400\""),
        "a refused query is counted under its route");
    assertEquals(200, api.client().get("/api/v1/spots/available?limit=%31", null).status());
    assertEquals(200, api.client().get("/api/v1/spots/available?x=%C3%A9&limit=1", null).status());
    assertEquals(200, api.client().get("/api/v1/spots?after=L1%2D001&limit=1", operator).status());
  }

  private static void assertBadlyEncoded(ApiClient.Reply reply, String parameter) {
    assertProblem(reply, 400, "INVALID_REQUEST", parameter + " is not valid percent-encoded UTF-8");
  }

  @Test
  void queryParameters_areUtf8_whateverCharsetTheRequestNames() {
    ApiClient.Reply reply =
        api.client()
            .send(
                api.client()
                    .request("/api/v1/spots/available?limit=1", null)
                    .header("Content-Type", "text/plain; charset=nope"));
    assertEquals(1, reply.json().path("spots").size(), reply::body);
  }

  @Test
  void head_answersAsGetWould_withoutTheBody() {
    assertEquals(401, head("/api/v1/sessions/current", null).status());
    assertEquals(404, head("/api/v1/sessions/current", alice).status());
    assertEquals(403, head("/api/v1/spots", alice).status());
    assertEquals(404, head("/api/v1/sessions/no-such-id", alice).status());
    ApiClient.Reply lot = head("/api/v1/lot", null);
    assertEquals(200, lot.status());
    assertEquals(Optional.of("application/json"), lot.header("Content-Type"));
    int getLength =
        api.client().get("/api/v1/lot", null).body().getBytes(StandardCharsets.UTF_8).length;
    assertEquals(Optional.of(String.valueOf(getLength)), lot.header("Content-Length"));
  }

  private ApiClient.Reply head(String path, @Nullable String token) {
    return api.client()
        .send(
            api.client().request(path, token).method("HEAD", HttpRequest.BodyPublishers.noBody()));
  }

  @Test
  void bodyOver64KiB_isA413() {
    String huge = "{\"vehicle\": {\"plate\": \"" + "A".repeat(70 * 1024) + "\"}}";
    assertProblem(api.client().post("/api/v1/sessions", huge, alice), 413, "PAYLOAD_TOO_LARGE");
  }

  // ---------------------------------------------------------------- identity

  @Test
  void identity_everyBadTokenIsA401_andAMissingRoleA403() {
    Tokens otherSecret =
        new Tokens(
            "another-secret-of-at-least-32-bytes!!".getBytes(StandardCharsets.UTF_8),
            Clock.systemUTC());
    String expired = tokens.issue(new UserId("alice"), false, Duration.ofMinutes(-5));
    String wrongSignature = otherSecret.issue(new UserId("alice"), false, Duration.ofHours(1));
    String unsigned = unsignedToken("alice");
    String badSubject = signed("not a user!", Duration.ofHours(1));
    String noExpiry = signed("alice", null);

    for (String bad :
        new String[] {"", "garbage", expired, wrongSignature, unsigned, badSubject, noExpiry}) {
      assertProblem(api.client().get("/api/v1/sessions/current", bad), 401, "UNAUTHENTICATED");
    }
    assertProblem(api.client().get("/api/v1/sessions/current", null), 401, "UNAUTHENTICATED");
    assertEquals(
        "Bearer",
        api.client().get("/api/v1/sessions/current", null).header("WWW-Authenticate").orElse(""));
    assertProblem(api.client().get("/api/v1/spots", alice), 403, "FORBIDDEN");
    assertProblem(api.client().post("/api/v1/spots", "{\"ids\":[\"X\"]}", alice), 403, "FORBIDDEN");
    assertProblem(api.client().delete("/api/v1/spots/L1-001", alice), 403, "FORBIDDEN");
    assertProblem(api.client().get("/api/v1/sessions", alice), 403, "FORBIDDEN");
  }

  private static String unsignedToken(String user) {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    long exp = System.currentTimeMillis() / 1000 + 3600;
    return b64.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8))
        + "."
        + b64.encodeToString(
            ("{\"sub\":\"" + user + "\",\"exp\":" + exp + "}").getBytes(StandardCharsets.UTF_8))
        + ".";
  }

  private static String signed(String subject, @Nullable Duration ttl) {
    try {
      JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().subject(subject);
      if (ttl != null) {
        claims.expirationTime(Date.from(Instant.now().plus(ttl)));
      }
      SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
      jwt.sign(new MACSigner(RunningApi.SECRET));
      return jwt.serialize();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  // ---------------------------------------------------------------- operators

  @Test
  void operator_managesSpots_andPagesThroughThemAndTheSessions() {
    assertEquals(
        "{\"created\":[\"L2-001\",\"L2-002\"]}",
        api.client().post("/api/v1/spots", "{\"ids\":[\"L2-001\",\"L2-002\"]}", operator).body());
    assertProblem(
        api.client().post("/api/v1/spots", "{\"ids\":[\"L2-003\",\"L1-001\"]}", operator),
        409,
        "SPOT_EXISTS");
    assertProblem(
        api.client().post("/api/v1/spots", "{\"ids\":[]}", operator), 400, "INVALID_REQUEST");
    assertProblem(
        api.client().post("/api/v1/spots", "{\"ids\":[7]}", operator), 400, "INVALID_REQUEST");

    JsonNode page = api.client().get("/api/v1/spots?limit=2", operator).json();
    assertEquals(2, page.path("spots").size());
    assertEquals("L1-002", page.path("next").asText());
    JsonNode rest = api.client().get("/api/v1/spots?limit=10&after=L1-002", operator).json();
    assertEquals(3, rest.path("spots").size());
    assertTrue(rest.path("next").isNull());

    String spot = park(alice, "AB-1").json().path("spotId").asText();
    assertProblem(api.client().delete("/api/v1/spots/" + spot, operator), 409, "SPOT_OCCUPIED");
    assertProblem(api.client().delete("/api/v1/spots/NOPE", operator), 404, "SPOT_NOT_FOUND");
    ApiClient.Reply removed = api.client().delete("/api/v1/spots/L2-002", operator);
    assertEquals(204, removed.status());
    assertEquals(Optional.empty(), removed.header("Content-Type"), "a 204 has no content to type");

    JsonNode active = api.client().get("/api/v1/sessions?status=ACTIVE", operator).json();
    assertEquals(1, active.path("sessions").size());
    api.client().post("/api/v1/sessions/current/end", "", alice);
    JsonNode ended = api.client().get("/api/v1/sessions?status=ENDED&limit=1", operator).json();
    assertEquals("ENDED", ended.path("sessions").get(0).path("status").asText());
  }

  @Test
  void availableSpots_needNoToken_andRespectTheLimit() {
    JsonNode available = api.client().get("/api/v1/spots/available?limit=2", null).json();
    assertEquals(3, available.path("available").asInt());
    assertEquals(2, available.path("spots").size());
  }

  // ---------------------------------------------------------------- concurrency

  @Test
  void rushOfMoreDriversThanSpots_hasExactlyOneWinnerPerSpot() throws Exception {
    int drivers = 20;
    ExecutorService pool = Executors.newFixedThreadPool(drivers);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<ApiClient.Reply>> replies = new ArrayList<>();
      for (int i = 0; i < drivers; i++) {
        String token = api.driver("driver-" + i);
        String plate = "RUSH-" + i;
        replies.add(
            pool.submit(
                () -> {
                  go.await();
                  return park(token, plate);
                }));
      }
      go.countDown();
      Set<String> spots = new HashSet<>();
      int refused = 0;
      for (Future<ApiClient.Reply> reply : replies) {
        ApiClient.Reply r = reply.get(60, TimeUnit.SECONDS);
        if (r.status() == 201) {
          assertTrue(spots.add(r.json().path("spotId").asText()), "a spot given twice");
        } else {
          assertProblem(r, 409, "NO_SPOTS_AVAILABLE");
          refused++;
        }
      }
      assertEquals(3, spots.size());
      assertEquals(drivers - 3, refused);
    } finally {
      pool.shutdownNow();
    }
  }

  // ---------------------------------------------------------------- service endpoints

  @Test
  void everyRoute_isInTheOpenApiDocument_andEveryDocumentedRouteExists() throws Exception {
    Set<String> served = new TreeSet<>();
    api.app().unsafe.internalRouter.allHttpHandlers().stream()
        .filter(handler -> handler.endpoint.method.isHttpMethod())
        .forEach(
            handler -> served.add(handler.endpoint.method.name() + " " + handler.endpoint.path));

    JsonNode document = new ObjectMapper().readTree(api.client().get("/openapi.json", null).body());
    Set<String> documented = new TreeSet<>();
    for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
      path.getValue()
          .fieldNames()
          .forEachRemaining(m -> documented.add(m.toUpperCase(Locale.ROOT) + " " + path.getKey()));
      if (path.getValue().has("get")) {
        documented.add("HEAD " + path.getKey()); // the document says so once, for every GET
      }
    }

    assertEquals(documented, served);
    assertEquals("3.0.3", document.path("openapi").asText());
  }

  @Test
  void everyRoute_hasOneRole_andTheDocumentAsksForATokenExactlyWhereTheRoleNeedsOne()
      throws Exception {
    JsonNode paths =
        new ObjectMapper().readTree(api.client().get("/openapi.json", null).body()).path("paths");
    List<String> wrong = new ArrayList<>();
    api.app().unsafe.internalRouter.allHttpHandlers().stream()
        .map(handler -> handler.endpoint)
        .filter(
            endpoint -> endpoint.method.isHttpMethod() && !endpoint.method.name().equals("HEAD"))
        .forEach(
            endpoint -> {
              Roles roles = endpoint.metadata(Roles.class);
              Set<RouteRole> declared = roles == null ? Set.of() : roles.getRoles();
              JsonNode operation =
                  paths.path(endpoint.path).path(endpoint.method.name().toLowerCase(Locale.ROOT));
              boolean asksForToken = operation.path("responses").has("401");
              if (declared.size() != 1 || (declared.contains(Role.PUBLIC) == asksForToken)) {
                wrong.add(endpoint.method.name() + " " + endpoint.path + " " + declared);
              }
            });
    assertEquals(List.of(), wrong);
  }

  @Test
  void health_metrics_andRequestIds() {
    assertEquals(200, api.client().get("/health/live", null).status());
    assertEquals(200, api.client().get("/health/ready", null).status());
    park(alice, "AB-1");

    String metrics = api.client().get("/metrics", null).body();
    assertTrue(metrics.contains("parkade_sessions_started_total 1.0"), metrics);
    assertTrue(metrics.contains("parkade_spots_free 2.0"), metrics);
    assertTrue(metrics.contains("parkade_spots_occupied 1.0"), metrics);
    assertTrue(metrics.contains("route=\"/api/v1/sessions\""), metrics);
    assertTrue(metrics.contains("parkade_http_requests_seconds_bucket"), metrics);

    assertFalse(api.client().get("/health/live", null).header("X-Request-Id").orElse("").isEmpty());
    ApiClient.Reply echoed =
        api.client()
            .send(
                api.client()
                    .request("/health/live", null)
                    .header("X-Request-Id", "trace-42")
                    .GET());
    assertEquals("trace-42", echoed.header("X-Request-Id").orElse(""));
  }

  @Test
  void storageDown_isA503StorageUnavailable_andCounted() {
    // Storage whose every call fails, as a database that went away does.
    InvocationHandler down =
        (proxy, method, args) -> {
          if (method.getName().equals("facilities")) {
            return proxy; // the catalogue is a view of the same storage
          }
          throw new StorageUnavailableException("database gone", new IOException("refused"));
        };
    Object storage =
        Proxy.newProxyInstance(
            getClass().getClassLoader(),
            new Class<?>[] {
              SessionStore.class,
              SpotInventory.class,
              FacilityCatalogue.class,
              IdempotentWrites.class
            },
            down);
    ParkingService failing =
        new ParkingService(
            (SessionStore) storage,
            (SpotInventory) storage,
            Clock.systemUTC(),
            SessionIdGenerator.randomUuids());
    KeyedParking keyedFailing =
        new KeyedParking(
            (IdempotentWrites) storage,
            (SessionStore) storage,
            Clock.systemUTC(),
            SessionIdGenerator.randomUuids());
    ApiMetrics metrics = new ApiMetrics(failing);
    Javalin broken = ParkadeApi.create(failing, keyedFailing, tokens, metrics, () -> false, true);
    broken.start("127.0.0.1", 0);
    try {
      ApiClient brokenClient = new ApiClient(broken.port());
      assertProblem(
          brokenClient.post("/api/v1/sessions", "{\"vehicle\":{\"plate\":\"AB1\"}}", alice),
          503,
          "STORAGE_UNAVAILABLE");
      assertProblem(brokenClient.get("/api/v1/lot", null), 503, "STORAGE_UNAVAILABLE");
      assertFalse(brokenClient.get("/api/v1/lot", null).body().contains("database gone"));
      assertTrue(
          brokenClient.get("/metrics", null).body().contains("parkade_storage_errors_total 3.0"));
    } finally {
      broken.stop();
    }
  }

  @Test
  void readiness_isA503WhenStorageDoesNotAnswer() {
    Javalin down =
        ParkadeApi.create(service, api.keyed, tokens, new ApiMetrics(service), () -> false, true);
    down.start("127.0.0.1", 0);
    try {
      assertProblem(
          new ApiClient(down.port()).get("/health/ready", null), 503, "STORAGE_UNAVAILABLE");
    } finally {
      down.stop();
    }
  }
}
