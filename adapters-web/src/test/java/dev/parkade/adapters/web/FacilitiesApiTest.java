package dev.parkade.adapters.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Facilities and typed spots over real HTTP: the version 1.1 routes and fields. */
class FacilitiesApiTest {
  @RegisterExtension final RunningApi api = new RunningApi(2);

  private final String operator = api.operator("ops");

  private ApiClient.Reply createCentrum() {
    return api.client()
        .post(
            "/api/v1/facilities",
            "{\"id\": \"centrum\", \"name\": \"Centrum P1\","
                + " \"location\": {\"lat\": 60.1699, \"lon\": 24.9384},"
                + " \"address\": \"Mannerheimintie 1, Helsinki\"}",
            operator);
  }

  private ApiClient.Reply addSpots(String facility, String features, String... ids) {
    String quoted = String.join("\", \"", ids);
    return api.client()
        .post(
            "/api/v1/spots",
            "{\"ids\": [\""
                + quoted
                + "\"], \"facilityId\": \""
                + facility
                + "\", \"features\": ["
                + features
                + "]}",
            operator);
  }

  private ApiClient.Reply start(String driver, String body) {
    return api.client().post("/api/v1/sessions", body, api.driver(driver));
  }

  private static void assertProblem(ApiClient.Reply reply, int status, String code) {
    assertEquals(status, reply.status(), reply::body);
    assertEquals(code, reply.code(), reply::body);
  }

  @Test
  void facilities_areCreatedListedAndDeleted_withTheirCounts() {
    JsonNode only = api.client().get("/api/v1/facilities", null).json().path("facilities");
    assertEquals(1, only.size());
    assertEquals("default", only.get(0).path("id").asText());
    assertEquals("Default", only.get(0).path("name").asText());
    assertEquals(2, only.get(0).path("total").asLong());
    assertFalse(only.get(0).has("location"), only::toString);

    ApiClient.Reply created = createCentrum();
    assertEquals(201, created.status(), created::body);
    assertEquals(Optional.of("/api/v1/facilities/centrum"), created.header("Location"));
    assertEquals(60.1699, created.json().path("location").path("lat").asDouble());
    assertEquals("Mannerheimintie 1, Helsinki", created.json().path("address").asText());
    assertEquals(0, created.json().path("total").asLong());
    assertProblem(createCentrum(), 409, "FACILITY_EXISTS");

    assertEquals(201, addSpots("centrum", "\"EV_CHARGING\"", "C-EV1", "C-EV2").status());
    assertEquals(201, addSpots("centrum", "", "C-1").status());
    JsonNode centrum = api.client().get("/api/v1/facilities/centrum", null).json();
    assertEquals(3, centrum.path("total").asLong());
    assertEquals(3, centrum.path("available").asLong());
    assertEquals(2, centrum.path("byFeature").path("EV_CHARGING").path("total").asLong());
    assertFalse(centrum.path("byFeature").has("ACCESSIBLE"), centrum::toString);
    List<String> ids = new ArrayList<>();
    api.client()
        .get("/api/v1/facilities", null)
        .json()
        .path("facilities")
        .forEach(f -> ids.add(f.path("id").asText()));
    assertEquals(List.of("centrum", "default"), ids);
    assertEquals(5, api.client().get("/api/v1/lot", null).json().path("total").asLong());

    assertProblem(
        api.client().delete("/api/v1/facilities/centrum", operator), 409, "FACILITY_NOT_EMPTY");
    for (String spot : List.of("C-EV1", "C-EV2", "C-1")) {
      assertEquals(204, api.client().delete("/api/v1/spots/" + spot, operator).status());
    }
    assertEquals(204, api.client().delete("/api/v1/facilities/centrum", operator).status());
    assertProblem(api.client().get("/api/v1/facilities/centrum", null), 404, "FACILITY_NOT_FOUND");
    assertProblem(
        api.client().delete("/api/v1/facilities/centrum", operator), 404, "FACILITY_NOT_FOUND");
    assertProblem(
        api.client().delete("/api/v1/facilities/default", operator), 400, "INVALID_REQUEST");
    assertProblem(
        api.client().post("/api/v1/facilities", "{}", api.driver("eve")), 403, "FORBIDDEN");
  }

  @Test
  void aStart_getsTheBestFittingSpot_andAccessibleBaysOnlyGoToThoseWhoNeedThem() {
    createCentrum();
    addSpots("centrum", "\"EV_CHARGING\"", "C-EV");
    addSpots("centrum", "\"ACCESSIBLE\"", "C-ACC");
    addSpots("centrum", "", "C-1");

    ApiClient.Reply plain =
        start("alice", "{\"vehicle\": {\"plate\": \"A-1\"}, \"facilityId\": \"centrum\"}");
    assertEquals(201, plain.status(), plain::body);
    assertEquals("C-1", plain.json().path("spotId").asText());
    assertEquals("centrum", plain.json().path("facilityId").asText());
    assertEquals(0, plain.json().path("spotFeatures").size());

    ApiClient.Reply ev =
        start(
            "bob",
            "{\"vehicle\": {\"plate\": \"B-1\"}, \"facilityId\": \"centrum\", \"needs\": [\"EV_CHARGING\"]}");
    assertEquals("C-EV", ev.json().path("spotId").asText(), ev::body);
    assertEquals("EV_CHARGING", ev.json().path("spotFeatures").get(0).asText());

    // Only the accessible bay is free: a start that does not need it is refused.
    assertProblem(
        start("carol", "{\"vehicle\": {\"plate\": \"C-1\"}, \"facilityId\": \"centrum\"}"),
        409,
        "NO_SPOTS_AVAILABLE");
    ApiClient.Reply accessible =
        start(
            "dave",
            "{\"vehicle\": {\"plate\": \"D-1\"}, \"facilityId\": \"centrum\", \"needs\": [\"ACCESSIBLE\"]}");
    assertEquals("C-ACC", accessible.json().path("spotId").asText(), accessible::body);

    JsonNode counts = api.client().get("/api/v1/facilities/centrum", null).json();
    assertEquals(0, counts.path("available").asLong());
    assertEquals(0, counts.path("byFeature").path("EV_CHARGING").path("available").asLong());

    // One session per user across facilities: alice, parked in centrum, cannot start in default.
    assertProblem(
        start("alice", "{\"vehicle\": {\"plate\": \"A-2\"}}"), 409, "USER_HAS_ACTIVE_SESSION");
    // A v1 start still parks in the default facility.
    assertEquals(
        "default",
        start("erin", "{\"vehicle\": {\"plate\": \"E-1\"}}").json().path("facilityId").asText());
  }

  @Test
  void listings_filterByFacilityAndFeature() {
    createCentrum();
    addSpots("centrum", "\"EV_CHARGING\", \"WIDE\"", "C-EVW");
    addSpots("centrum", "\"EV_CHARGING\"", "C-EV");
    addSpots("centrum", "", "C-1");

    JsonNode ev =
        api.client().get("/api/v1/spots?facilityId=centrum&feature=EV_CHARGING", operator).json();
    assertEquals(2, ev.path("spots").size(), ev::toString);
    JsonNode both =
        api.client()
            .get("/api/v1/spots?feature=EV_CHARGING&feature=WIDE", operator)
            .json()
            .path("spots");
    assertEquals(1, both.size());
    assertEquals("C-EVW", both.get(0).path("id").asText());
    assertEquals("centrum", both.get(0).path("facilityId").asText());
    assertEquals(2, both.get(0).path("features").size());

    JsonNode free = api.client().get("/api/v1/spots/available?facilityId=centrum", null).json();
    assertEquals(3, free.path("available").asLong(), free::toString);
    JsonNode defaults = api.client().get("/api/v1/spots/available?facilityId=default", null).json();
    assertEquals(2, defaults.path("spots").size(), defaults::toString);
  }

  @Test
  void badInput_isA400NamingTheField() {
    createCentrum();
    assertNamed(
        start("alice", "{\"vehicle\": {\"plate\": \"A-1\"}, \"needs\": [\"JETPACK\"]}"), "needs");
    assertNamed(
        start("alice", "{\"vehicle\": {\"plate\": \"A-1\"}, \"needs\": \"EV_CHARGING\"}"), "needs");
    assertNamed(
        start("alice", "{\"vehicle\": {\"plate\": \"A-1\"}, \"facilityId\": \"no such!\"}"),
        "facilityId");
    assertProblem(
        start("alice", "{\"vehicle\": {\"plate\": \"A-1\"}, \"facilityId\": \"harbour\"}"),
        404,
        "FACILITY_NOT_FOUND");
    assertNamed(
        api.client()
            .post(
                "/api/v1/facilities",
                "{\"id\": \"x\", \"name\": \"" + "n".repeat(201) + "\"}",
                operator),
        "name");
    assertNamed(
        api.client()
            .post(
                "/api/v1/facilities",
                "{\"id\": \"x\", \"name\": \"X\", \"location\": {\"lat\": 91, \"lon\": 0}}",
                operator),
        "location.lat");
    assertNamed(api.client().post("/api/v1/facilities", "{\"name\": \"X\"}", operator), "id");
    assertNamed(
        api.client().post("/api/v1/facilities", "{\"id\": \"x/y\", \"name\": \"X\"}", operator),
        "id");
    assertNamed(addSpots("centrum", "\"TURBO\"", "C-9"), "features");
    assertProblem(addSpots("harbour", "", "H-1"), 404, "FACILITY_NOT_FOUND");
    assertNamed(api.client().get("/api/v1/spots/available?feature=TURBO", null), "feature");
    assertNamed(api.client().get("/api/v1/spots?facilityId=a%20b", operator), "facilityId");
    assertEquals(
        0, api.client().get("/api/v1/facilities/centrum", null).json().path("total").asLong());
  }

  private static void assertNamed(ApiClient.Reply reply, String field) {
    assertProblem(reply, 400, "INVALID_REQUEST");
    assertTrue(reply.detail().startsWith(field), reply::body);
  }
}
