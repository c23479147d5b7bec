package dev.parkade.adapters.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parkade.application.KeyedParking;
import dev.parkade.application.SessionIdGenerator;
import dev.parkade.domain.port.IdempotentWrites;
import dev.parkade.domain.port.KeyedAnswer;
import io.javalin.Javalin;
import java.lang.reflect.Proxy;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every write with an Idempotency-Key over real HTTP: replays, reuse, a bad key, no token. */
class IdempotencyApiTest {
  private static final String KEY = Idempotency.HEADER;
  private static final String REPLAYED = Idempotency.REPLAYED;

  @RegisterExtension final RunningApi api = new RunningApi(1);

  private final String alice = api.driver("alice");
  private final String bob = api.driver("bob");
  private final String operator = api.operator("ops");

  private ApiClient.Reply send(
      String method, String path, @Nullable String body, @Nullable String token, String... keys) {
    HttpRequest.Builder request = api.client().request(path, token);
    for (String key : keys) {
      request.header(KEY, key);
    }
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    return api.client()
        .send(
            request.method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body)));
  }

  private ApiClient.Reply post(String path, String body, @Nullable String token, String key) {
    return send("POST", path, body, token, key);
  }

  private ApiClient.Reply start(@Nullable String token, String plate, String key) {
    return post("/api/v1/sessions", "{\"vehicle\": {\"plate\": \"" + plate + "\"}}", token, key);
  }

  /** The same response again, marked as a replay; the first was not. */
  private static void assertReplays(ApiClient.Reply first, ApiClient.Reply again) {
    assertEquals(Optional.empty(), first.header(REPLAYED), first::body);
    assertEquals(first.status(), again.status(), again::body);
    assertEquals(first.body(), again.body());
    assertEquals(first.header("Location"), again.header("Location"));
    assertEquals(first.header("Content-Type"), again.header("Content-Type"));
    assertEquals(Optional.of("true"), again.header(REPLAYED));
  }

  private static void assertProblem(ApiClient.Reply reply, int status, String code) {
    assertEquals(status, reply.status(), reply::body);
    assertEquals(code, reply.code(), reply::body);
  }

  private String metrics() {
    return api.client().get("/metrics", null).body();
  }

  @Test
  void sessionWrites_sentTwice_answerTheFirstResponseAgain_andRunOnce() {
    ApiClient.Reply started = start(alice, "AB-1", "start-1");
    assertEquals(201, started.status(), started::body);
    String id = started.json().path("id").asText();
    ApiClient.Reply ended = post("/api/v1/sessions/" + id + "/end", "", alice, "end-1");
    assertEquals(200, ended.status(), ended::body);

    // the start replays as it was at its start, though the session has ended since
    assertReplays(started, start(alice, "AB-1", "start-1"));
    assertReplays(ended, post("/api/v1/sessions/" + id + "/end", "", alice, "end-1"));

    ApiClient.Reply next = start(alice, "AB-1", "start-2");
    ApiClient.Reply endedNext = post("/api/v1/sessions/current/end", "", alice, "end-2");
    assertEquals(200, endedNext.status(), endedNext::body);
    assertEquals(next.json().path("id"), endedNext.json().path("id"));
    assertReplays(endedNext, post("/api/v1/sessions/current/end", "", alice, "end-2"));
    assertTrue(metrics().contains("parkade_sessions_started_total 2.0"), this::metrics);
    assertTrue(metrics().contains("parkade_sessions_ended_total 2.0"), this::metrics);
    assertTrue(
        metrics().contains("parkade_idempotency_replays_total{route=\"/api/v1/sessions\"} 1.0"),
        this::metrics);
  }

  @Test
  void aReplayedEndOfTheCurrentSession_leavesTheNextSessionAlone() {
    ApiClient.Reply none = post("/api/v1/sessions/current/end", "", alice, "end");
    assertProblem(none, 404, "NO_ACTIVE_SESSION");
    ApiClient.Reply started = start(alice, "AB-1", "start");

    ApiClient.Reply again = post("/api/v1/sessions/current/end", "", alice, "end");

    assertReplays(none, again);
    assertProblem(again, 404, "NO_ACTIVE_SESSION");
    assertEquals(
        started.json().path("id"),
        api.client().get("/api/v1/sessions/current", alice).json().path("id"));
  }

  @Test
  void aRefusal_isReplayed_afterTheStateChanged() {
    assertEquals(201, start(bob, "BB-1", "b").status());
    ApiClient.Reply full = start(alice, "AB-1", "a");
    assertProblem(full, 409, "NO_SPOTS_AVAILABLE");
    assertEquals(200, post("/api/v1/sessions/current/end", "", bob, "b-end").status());

    ApiClient.Reply again = start(alice, "AB-1", "a");

    assertReplays(full, again);
    assertEquals(1, api.client().get("/api/v1/lot", null).json().path("available").asLong());
  }

  @Test
  void spotAndFacilityWrites_sentTwice_answerTheFirstResponseAgain() {
    String facility = "{\"id\": \"centrum\", \"name\": \"Centrum P1\"}";
    ApiClient.Reply created = post("/api/v1/facilities", facility, operator, "f");
    assertEquals(201, created.status(), created::body);
    String spots = "{\"ids\": [\"C-2\", \"C-1\"], \"facilityId\": \"centrum\"}";
    ApiClient.Reply added = post("/api/v1/spots", spots, operator, "s");
    assertEquals(201, added.status(), added::body);

    assertReplays(created, post("/api/v1/facilities", facility, operator, "f"));
    assertReplays(added, post("/api/v1/spots", spots, operator, "s"));
    assertEquals("{\"created\":[\"C-2\",\"C-1\"]}", added.body());

    for (String spot : List.of("C-1", "C-2")) {
      ApiClient.Reply removed = send("DELETE", "/api/v1/spots/" + spot, null, operator, spot);
      assertEquals(204, removed.status(), removed::body);
      assertReplays(removed, send("DELETE", "/api/v1/spots/" + spot, null, operator, spot));
    }
    ApiClient.Reply deleted = send("DELETE", "/api/v1/facilities/centrum", null, operator, "d");
    assertEquals(204, deleted.status(), deleted::body);
    // created again since: the replay deletes nothing
    assertEquals(201, post("/api/v1/facilities", facility, operator, "f2").status());
    assertReplays(deleted, send("DELETE", "/api/v1/facilities/centrum", null, operator, "d"));
    assertEquals(200, api.client().get("/api/v1/facilities/centrum", null).status());
  }

  @Test
  void anotherRequestUnderTheKey_isA422_andRunsNothing() {
    assertEquals(201, start(alice, "AB-1", "k").status());
    assertEquals(200, post("/api/v1/sessions/current/end", "", alice, "e").status());

    assertProblem(start(alice, "AB-2", "k"), 422, "IDEMPOTENCY_KEY_REUSED");
    assertProblem(
        post("/api/v1/sessions/current/end", "", alice, "k"), 422, "IDEMPOTENCY_KEY_REUSED");

    assertEquals(404, api.client().get("/api/v1/sessions/current", alice).status());
    assertTrue(
        metrics()
            .contains(
                "parkade_idempotency_conflicts_total{code=\"IDEMPOTENCY_KEY_REUSED\","
                    + "route=\"/api/v1/sessions\"} 1.0"),
        this::metrics);
  }

  @Test
  void keys_areTheCallers() {
    assertEquals(201, start(alice, "AB-1", "k").status());
    assertEquals(200, post("/api/v1/sessions/current/end", "", alice, "e").status());

    ApiClient.Reply bobs = start(bob, "BB-1", "k");

    assertEquals(201, bobs.status(), bobs::body);
    assertEquals(Optional.empty(), bobs.header(REPLAYED));
  }

  @Test
  void aBadBody_isA400_whateverTheKeyHolds() {
    assertEquals(201, start(alice, "AB-1", "k").status());

    ApiClient.Reply bad = post("/api/v1/sessions", "not json", alice, "k");

    assertProblem(bad, 400, "INVALID_REQUEST");
    assertEquals(Optional.empty(), bad.header(REPLAYED));
  }

  @Test
  void aMalformedKey_isA400_namingTheHeader() {
    List<List<String>> keys =
        List.of(List.of(""), List.of("k".repeat(256)), List.of("a b"), List.of("k1", "k2"));
    for (List<String> key : keys) {
      ApiClient.Reply reply =
          send(
              "POST",
              "/api/v1/sessions",
              "{\"vehicle\": {\"plate\": \"AB-1\"}}",
              alice,
              key.toArray(String[]::new));
      assertProblem(reply, 400, "INVALID_REQUEST");
      assertTrue(reply.detail().contains(KEY), reply::body);
    }
    assertEquals(1, api.client().get("/api/v1/lot", null).json().path("available").asLong());
    assertEquals(201, start(alice, "AB-1", "k".repeat(255)).status());
  }

  @Test
  void aKeyWithoutAToken_isA401() {
    assertProblem(start(null, "AB-1", "k"), 401, "UNAUTHENTICATED");
  }

  @Test
  void aKeyInProgress_isA409_andRunsNothing() {
    IdempotentWrites busy =
        (IdempotentWrites)
            Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {IdempotentWrites.class},
                (proxy, method, args) -> new KeyedAnswer.InProgress());
    KeyedParking keyed =
        new KeyedParking(busy, api.lot, Clock.systemUTC(), SessionIdGenerator.randomUuids());
    ApiMetrics metrics = new ApiMetrics(api.service);
    Javalin app =
        ParkadeApi.create(api.service, keyed, api.tokens, metrics, () -> true, false)
            .start("127.0.0.1", 0);
    try {
      ApiClient client = new ApiClient(app.port());
      ApiClient.Reply reply =
          client.send(
              client
                  .request("/api/v1/sessions", alice)
                  .header(KEY, "k")
                  .POST(HttpRequest.BodyPublishers.ofString("{\"vehicle\":{\"plate\":\"A\"}}")));
      assertProblem(reply, 409, "IDEMPOTENCY_KEY_IN_PROGRESS");
      assertFalse(metrics.scrape().contains("parkade_sessions_started_total 1.0"));
    } finally {
      app.stop();
    }
  }
}
