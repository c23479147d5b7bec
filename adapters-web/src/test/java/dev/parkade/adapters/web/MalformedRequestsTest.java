package dev.parkade.adapters.web;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sageserpent.americium.java.Trials;
import com.sageserpent.americium.java.TrialsApi;
import com.sageserpent.americium.java.TrialsScaffolding;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Generated malformed requests (wrong methods, odd paths and ids, bad query parameters, broken or
 * hostile bodies, every kind of token) must never get a 5xx: whatever the client sends, a fault of
 * the client is a 4xx problem.
 */
class MalformedRequestsTest {
  private static final TrialsApi API = Trials.api();

  @RegisterExtension final RunningApi api = new RunningApi(5);

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
    String driver = api.driver("driver");
    String operator = api.operator("ops");
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
    ApiClient client = new ApiClient(api.port()); // a fresh connection: a refusal may close it
    HttpRequest.Builder builder =
        client
            .request(request.path(), request.token().isEmpty() ? null : request.token())
            .method(request.method(), HttpRequest.BodyPublishers.ofString(request.body()));
    ApiClient.Reply reply = client.send(builder);
    assertTrue(reply.status() < 500, () -> request + " -> " + reply.status() + " " + reply.body());
  }
}
