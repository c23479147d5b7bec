package dev.parkade.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parkade.adapters.web.ApiClient;
import dev.parkade.adapters.web.Tokens;
import dev.parkade.domain.UserId;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The real server, wired by Dagger exactly as {@code parkade serve} wires it, on port 0, for each
 * storage kind, talked to over real HTTP.
 */
class ServerEndToEndTest {
  private static final String SECRET = "an-end-to-end-secret-of-32-bytes-or-more";
  private static final int SPOTS = 5;
  private static @Nullable EmbeddedPostgres postgres;

  @TempDir Path dataDir;

  private final Tokens tokens =
      new Tokens(SECRET.getBytes(StandardCharsets.UTF_8), Clock.systemUTC());

  @AfterAll
  static void stopPostgres() throws IOException {
    if (postgres != null) {
      postgres.close();
    }
  }

  private ParkadeServer server(StorageKind kind) throws IOException {
    if (kind == StorageKind.POSTGRES && postgres == null) {
      postgres = EmbeddedPostgres.builder().start();
    }
    return TestServers.server(kind, dataDir, SPOTS, SECRET, postgres);
  }

  private String token(String user, boolean operator) {
    return tokens.issue(new UserId(user), operator, Duration.ofMinutes(10));
  }

  @ParameterizedTest
  @EnumSource(StorageKind.class)
  void theWholeProduct_worksOverHttp_onEveryStorage(StorageKind kind) throws Exception {
    ParkadeServer server = server(kind);
    String url = server.start();
    try {
      ApiClient client = new ApiClient(server.port());
      assertEquals("http://127.0.0.1:" + server.port(), url);
      assertEquals(200, client.get("/health/ready", null).status());
      String operator = token("ops", true);
      assertEquals(SPOTS, client.get("/api/v1/lot", null).json().path("total").asInt());

      String alice = token("alice-" + kind, false);
      ApiClient.Reply started =
          client.post("/api/v1/sessions", "{\"vehicle\":{\"plate\":\"e2e 1\"}}", alice);
      assertEquals(201, started.status(), started::body);
      String id = started.json().path("id").asText();
      assertEquals("E2E1", started.json().path("vehicle").path("plate").asText());
      assertEquals(id, client.get("/api/v1/sessions/current", alice).json().path("id").asText());
      assertEquals(
          "USER_HAS_ACTIVE_SESSION",
          client.post("/api/v1/sessions", "{\"vehicle\":{\"plate\":\"E2E2\"}}", alice).code());
      String bob = token("bob-" + kind, false);
      assertEquals(
          "VEHICLE_ALREADY_PARKED",
          client.post("/api/v1/sessions", "{\"vehicle\":{\"plate\":\"E2E1\"}}", bob).code());
      assertEquals("SESSION_NOT_FOUND", client.get("/api/v1/sessions/" + id, bob).code());
      assertEquals(401, client.get("/api/v1/sessions/current", "not-a-token").status());

      ApiClient.Reply ended = client.post("/api/v1/sessions/current/end", "", alice);
      assertEquals("ENDED", ended.json().path("status").asText());
      assertEquals("NO_ACTIVE_SESSION", client.get("/api/v1/sessions/current", alice).code());
      assertEquals(
          "ENDED",
          client
              .get("/api/v1/sessions?status=ENDED&limit=1", operator)
              .json()
              .path("sessions")
              .get(0)
              .path("status")
              .asText());

      assertEquals(201, client.post("/api/v1/spots", "{\"ids\":[\"E2E-X\"]}", operator).status());
      assertEquals(204, client.delete("/api/v1/spots/E2E-X", operator).status());
      assertEquals(
          SPOTS, client.get("/api/v1/spots/available", null).json().path("available").asInt());

      rushForTheSpots(client, kind);
      String metrics = client.get("/metrics", null).body();
      assertTrue(metrics.contains("parkade_sessions_started_total"), metrics);
      assertTrue(metrics.contains("\nparkade_idempotency_keys_purged_total 0.0\n"), metrics);
      assertTrue(metrics.contains("\nparkade_idempotency_keys_dropped_total 0.0\n"), metrics);
    } finally {
      server.stop();
    }
  }

  @ParameterizedTest
  @EnumSource(StorageKind.class)
  void aKeyedStartWhoseAnswerWasLost_isRetried_andGetsItsSession_onEveryStorage(StorageKind kind)
      throws Exception {
    ParkadeServer server = server(kind);
    server.start();
    try {
      ApiClient client = new ApiClient(server.port());
      String driver =
          token("lost-" + kind + "-" + UUID.randomUUID().toString().substring(0, 8), false);
      String key = UUID.randomUUID().toString();
      String body = "{\"vehicle\":{\"plate\":\"LOST " + kind.flagValue().charAt(0) + "\"}}";
      int occupiedBefore = client.get("/api/v1/lot", null).json().path("occupied").asInt();

      // The phone sends the start and loses the connection before any answer arrives.
      try (Socket phone = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        phone
            .getOutputStream()
            .write(
                ("POST /api/v1/sessions HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + "Authorization: Bearer "
                        + driver
                        + "\r\n"
                        + "Idempotency-Key: "
                        + key
                        + "\r\n"
                        + "Content-Type: application/json\r\n"
                        + "Content-Length: "
                        + bytes.length
                        + "\r\n\r\n"
                        + body)
                    .getBytes(StandardCharsets.UTF_8));
        phone.getOutputStream().flush();
      }

      ApiClient.Reply retried = keyedStart(client, driver, key, body);
      for (int attempt = 1; isInProgress(retried) && attempt < 1_000; attempt++) {
        retried = keyedStart(client, driver, key, body); // the lost one is still being answered
      }
      assertEquals(201, retried.status(), retried::body);
      String id = retried.json().path("id").asText();
      assertEquals(id, client.get("/api/v1/sessions/current", driver).json().path("id").asText());
      ApiClient.Reply again = keyedStart(client, driver, key, body);
      assertEquals(201, again.status(), again::body);
      assertEquals(id, again.json().path("id").asText());
      assertEquals(Optional.of("true"), again.header("Idempotent-Replayed"));
      assertEquals(
          occupiedBefore + 1, client.get("/api/v1/lot", null).json().path("occupied").asInt());
      // PostgreSQL's database outlives this test: leave the lot as it was found
      assertEquals(200, client.post("/api/v1/sessions/current/end", "", driver).status());
    } finally {
      server.stop();
    }
  }

  private static ApiClient.Reply keyedStart(
      ApiClient client, String token, String key, String body) {
    return client.send(
        client
            .request("/api/v1/sessions", token)
            .header("Idempotency-Key", key)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  private static boolean isInProgress(ApiClient.Reply reply) {
    return reply.status() == 409 && "IDEMPOTENCY_KEY_IN_PROGRESS".equals(reply.code());
  }

  @ParameterizedTest
  @EnumSource(StorageKind.class)
  void facilitiesAndTypedStarts_workOverHttp_onEveryStorage(StorageKind kind) throws Exception {
    ParkadeServer server = server(kind);
    server.start();
    try {
      ApiClient client = new ApiClient(server.port());
      String operator = token("ops", true);
      String facility =
          "f-" + kind.flagValue() + "-" + UUID.randomUUID().toString().substring(0, 8);
      String ev = facility + "-EV";
      String plain = facility + "-P";
      assertEquals(
          201,
          client
              .post(
                  "/api/v1/facilities", "{\"id\":\"" + facility + "\",\"name\":\"E2E\"}", operator)
              .status());
      assertEquals(
          201,
          client
              .post(
                  "/api/v1/spots",
                  "{\"ids\":[\""
                      + ev
                      + "\"],\"facilityId\":\""
                      + facility
                      + "\",\"features\":[\"EV_CHARGING\"]}",
                  operator)
              .status());
      assertEquals(
          201,
          client
              .post(
                  "/api/v1/spots",
                  "{\"ids\":[\"" + plain + "\"],\"facilityId\":\"" + facility + "\"}",
                  operator)
              .status());

      String inFacility = ",\"facilityId\":\"" + facility + "\"";
      String evDriver = token("ev-" + facility, false);
      ApiClient.Reply charged =
          client.post(
              "/api/v1/sessions",
              "{\"vehicle\":{\"plate\":\"EV1\"}" + inFacility + ",\"needs\":[\"EV_CHARGING\"]}",
              evDriver);
      assertEquals(ev, charged.json().path("spotId").asText(), charged::body);
      String plainDriver = token("plain-" + facility, false);
      ApiClient.Reply parked =
          client.post(
              "/api/v1/sessions",
              "{\"vehicle\":{\"plate\":\"P1\"}" + inFacility + "}",
              plainDriver);
      assertEquals(plain, parked.json().path("spotId").asText(), parked::body);
      assertEquals(
          "NO_SPOTS_AVAILABLE",
          client
              .post(
                  "/api/v1/sessions",
                  "{\"vehicle\":{\"plate\":\"L1\"}" + inFacility + "}",
                  token("late-" + facility, false))
              .code());

      JsonNode counts = client.get("/api/v1/facilities/" + facility, null).json();
      assertEquals(2, counts.path("total").asInt(), counts::toString);
      assertEquals(0, counts.path("available").asInt(), counts::toString);
      assertEquals(1, counts.path("byFeature").path("EV_CHARGING").path("total").asInt());
      assertEquals(0, counts.path("byFeature").path("EV_CHARGING").path("available").asInt());
      assertEquals(
          "FACILITY_NOT_EMPTY", client.delete("/api/v1/facilities/" + facility, operator).code());

      client.post("/api/v1/sessions/current/end", "", evDriver);
      client.post("/api/v1/sessions/current/end", "", plainDriver);
      assertEquals(204, client.delete("/api/v1/spots/" + ev, operator).status());
      assertEquals(204, client.delete("/api/v1/spots/" + plain, operator).status());
      assertEquals(204, client.delete("/api/v1/facilities/" + facility, operator).status());
      assertEquals("FACILITY_NOT_FOUND", client.get("/api/v1/facilities/" + facility, null).code());
    } finally {
      server.stop();
    }
  }

  /** More drivers than spots at once: exactly one winner per spot, the rest refused. */
  private void rushForTheSpots(ApiClient client, StorageKind kind) throws Exception {
    int drivers = 16;
    ExecutorService pool = Executors.newFixedThreadPool(drivers);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<ApiClient.Reply>> replies = new ArrayList<>();
      for (int i = 0; i < drivers; i++) {
        String driver = token("rush-" + kind + "-" + i, false);
        String body = "{\"vehicle\":{\"plate\":\"R" + i + "\"}}";
        replies.add(
            pool.submit(
                () -> {
                  go.await();
                  return client.post("/api/v1/sessions", body, driver);
                }));
      }
      go.countDown();
      Set<String> spots = new HashSet<>();
      for (Future<ApiClient.Reply> reply : replies) {
        ApiClient.Reply r = reply.get(60, TimeUnit.SECONDS);
        if (r.status() == 201) {
          assertTrue(spots.add(r.json().path("spotId").asText()), "a spot given twice");
        } else {
          assertEquals("NO_SPOTS_AVAILABLE", r.code(), r::body);
        }
      }
      assertEquals(SPOTS, spots.size());
      assertEquals(0, client.get("/api/v1/lot", null).json().path("available").asInt());
    } finally {
      pool.shutdownNow();
    }
  }
}
