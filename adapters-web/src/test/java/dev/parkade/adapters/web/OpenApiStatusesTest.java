package dev.parkade.adapters.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every operation of the served OpenAPI document declares every status it answers: each is probed
 * with the requests a client gets wrong (a badly encoded query, no token, a driver's token on an
 * operator's route, a body that is not JSON, an empty object) as well as right ones, and a status
 * the document does not list for that operation fails the test.
 */
class OpenApiStatusesTest {
  @RegisterExtension final RunningApi api = new RunningApi(3);

  @Test
  void everyOperation_declaresEveryStatusItAnswers() {
    JsonNode paths = api.client().get("/openapi.json", null).json().path("paths");
    String driver = api.driver("alice");
    String operator = api.operator("ops");
    List<String> undeclared = new ArrayList<>();
    int probes = 0;
    Set<Integer> answered = new TreeSet<>();
    for (Map.Entry<String, JsonNode> path : paths.properties()) {
      String concrete = path.getKey().replaceAll("\\{[a-z]+\\}", "L1-001");
      for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
        String method = operation.getKey().toUpperCase(Locale.ROOT);
        Set<String> declared = new TreeSet<>();
        operation.getValue().path("responses").fieldNames().forEachRemaining(declared::add);
        // A stream's GET would not end; its HEAD runs the same checks and answers the same status.
        boolean stream =
            operation
                .getValue()
                .path("responses")
                .path("200")
                .path("content")
                .has("text/event-stream");
        List<String> methods =
            !method.equals("GET")
                ? List.of(method)
                : stream ? List.of("HEAD") : List.of("GET", "HEAD");
        for (String sent : methods) {
          for (Probe probe : probes(concrete, driver, operator)) {
            int status = send(sent, probe).status();
            probes++;
            answered.add(status);
            if (!declared.contains(Integer.toString(status))) {
              undeclared.add(sent + " " + probe.uri() + " (" + probe.what() + "): " + status);
            }
          }
        }
      }
    }
    assertEquals(List.of(), undeclared, "statuses the document does not declare");
    assertTrue(probes >= 15 * 6, "every operation was probed: " + probes);
    assertTrue(answered.contains(422), "a key reused on another operation was probed: " + answered);
  }

  @Test
  void aBadlyEncodedQuery_isA400_onEveryOperation() {
    JsonNode paths = api.client().get("/openapi.json", null).json().path("paths");
    for (Map.Entry<String, JsonNode> path : paths.properties()) {
      String uri = path.getKey().replaceAll("\\{[a-z]+\\}", "L1-001") + "?x=%C3%28";
      for (String method : List.of("get", "post", "delete")) {
        if (path.getValue().has(method)) {
          ApiClient.Reply reply =
              send(method.toUpperCase(Locale.ROOT), new Probe("bad query", uri, null, "{}"));
          assertEquals(400, reply.status(), () -> method + " " + uri + ": " + reply.body());
        }
      }
    }
  }

  private record Probe(
      String what, String uri, @Nullable String token, String body, @Nullable String key) {
    Probe(String what, String uri, @Nullable String token, String body) {
      this(what, uri, token, body, null);
    }
  }

  private static List<Probe> probes(String path, String driver, String operator) {
    return List.of(
        new Probe("bad query", path + "?x=%C3%28", operator, "{}"),
        new Probe("no token", path, null, "{}"),
        new Probe("driver", path, driver, "{\"vehicle\":{\"plate\":\"AB-1\"}}"),
        new Probe("operator", path, operator, "{\"ids\":[\"L9-001\"]}"),
        new Probe("not JSON", path, operator, "not json"),
        new Probe("empty object", path, driver, "{}"),
        // one key for every operation: replayed on its own, reused (422) on the others
        new Probe("keyed", path, operator, "{\"ids\":[\"L9-002\"]}", "probe-key"),
        new Probe("keyed again", path, operator, "{\"ids\":[\"L9-002\"]}", "probe-key"),
        new Probe("keyed driver", path, driver, "{\"vehicle\":{\"plate\":\"AB-2\"}}", "k"),
        new Probe("bad key", path, operator, "{}", "a key"));
  }

  private ApiClient.Reply send(String method, Probe probe) {
    HttpRequest.Builder request =
        api.client().request(probe.uri(), probe.token()).header("Content-Type", "application/json");
    String key = probe.key();
    if (key != null) {
      request.header(Idempotency.HEADER, key);
    }
    request.method(
        method,
        method.equals("POST")
            ? HttpRequest.BodyPublishers.ofString(probe.body())
            : HttpRequest.BodyPublishers.noBody());
    return api.client().send(request);
  }
}
