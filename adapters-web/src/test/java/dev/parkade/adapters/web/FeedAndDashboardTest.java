package dev.parkade.adapters.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The open-data feed, the dashboard's files and the history its chart reads. */
class FeedAndDashboardTest {
  @RegisterExtension final RunningApi api = new RunningApi(3);

  private void facilities() {
    String operator = api.operator("ops");
    assertEquals(
        201,
        api.client()
            .post(
                "/api/v1/facilities",
                "{\"id\":\"centrum\",\"name\":\"Centrum P1\",\"location\":{\"lat\":60.1699,"
                    + "\"lon\":24.9384},\"address\":\"Mannerheimintie 1, Helsinki\"}",
                operator)
            .status());
    assertEquals(
        201,
        api.client()
            .post(
                "/api/v1/spots",
                "{\"ids\":[\"C-1\",\"C-2\"],\"facilityId\":\"centrum\",\"features\":[\"ACCESSIBLE\"]}",
                operator)
            .status());
    assertEquals(
        201,
        api.client()
            .post("/api/v1/spots", "{\"ids\":[\"C-3\"],\"facilityId\":\"centrum\"}", operator)
            .status());
    assertEquals(
        201,
        api.client()
            .post(
                "/api/v1/sessions",
                "{\"vehicle\":{\"plate\":\"A-1\"},\"facilityId\":\"centrum\",\"needs\":[\"ACCESSIBLE\"]}",
                api.driver("alice"))
            .status());
  }

  /**
   * Read as OpenTripPlanner's {@code ParkAPIUpdater.parseElement} reads each lot: {@code id} and
   * {@code name} as text, {@code coords.lat}/{@code lng} as numbers, {@code total} and {@code free}
   * as integers, {@code state} as text that it must find; and the counts are the API's own.
   */
  @Test
  void theFeed_isParkApi_asOpenTripPlannerReadsIt_withTheExactCounts() {
    facilities();
    ApiClient.Reply reply = api.client().get("/feeds/parkapi.json", null);
    assertEquals(200, reply.status());
    assertTrue(reply.header("Content-Type").orElse("").startsWith("application/json"));
    JsonNode feed = reply.json();
    LocalDateTime.parse(
        feed.path("last_updated").asText(), DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss"));
    assertTrue(feed.path("lots").isArray());

    Map<String, JsonNode> facilities = new HashMap<>();
    api.client()
        .get("/api/v1/facilities", null)
        .json()
        .path("facilities")
        .forEach(f -> facilities.put(f.path("id").asText(), f));
    assertEquals(facilities.size(), feed.path("lots").size());
    for (JsonNode lot : feed.path("lots")) {
      assertTrue(lot.path("id").isTextual() && lot.path("name").isTextual(), lot::toString);
      assertTrue(lot.path("total").isIntegralNumber() && lot.path("free").isIntegralNumber());
      long total = lot.path("total").asLong();
      long free = lot.path("free").asLong();
      assertTrue(0 <= free && free <= total, lot::toString);
      assertTrue(Set.of("open", "closed", "nodata").contains(lot.path("state").asText()));
      assertEquals("Parkhaus", lot.path("lot_type").asText());
      assertFalse(lot.path("forecast").asBoolean(true));
      JsonNode facility = Objects.requireNonNull(facilities.get(lot.path("id").asText()));
      assertEquals(facility.path("name").asText(), lot.path("name").asText());
      assertEquals(facility.path("total").asLong(), total);
      assertEquals(facility.path("available").asLong(), free);
    }
    JsonNode centrum = lotOf(feed, "centrum");
    assertTrue(centrum.path("coords").path("lat").isNumber());
    assertEquals(60.1699, centrum.path("coords").path("lat").asDouble());
    assertEquals(24.9384, centrum.path("coords").path("lng").asDouble());
    assertEquals("Mannerheimintie 1, Helsinki", centrum.path("address").asText());
    assertEquals(3, centrum.path("total").asLong());
    assertEquals(2, centrum.path("free").asLong());
    assertEquals(2, centrum.path("total:disabled").asLong());
    assertEquals(1, centrum.path("free:disabled").asLong());
    assertEquals("open", centrum.path("state").asText());

    JsonNode standard = lotOf(feed, "default");
    assertTrue(standard.path("coords").isMissingNode(), "no location, no coords");
    assertTrue(standard.path("total:disabled").isMissingNode(), "no accessible spots");
  }

  @Test
  void aFacilityWithoutSpots_hasNoData() {
    api.client()
        .post("/api/v1/facilities", "{\"id\":\"empty\",\"name\":\"Empty\"}", api.operator("o"));
    JsonNode empty = lotOf(api.client().get("/feeds/parkapi.json", null).json(), "empty");
    assertEquals("nodata", empty.path("state").asText());
    assertEquals(0, empty.path("total").asLong());
  }

  private static JsonNode lotOf(JsonNode feed, String id) {
    for (JsonNode lot : feed.path("lots")) {
      if (lot.path("id").asText().equals(id)) {
        return lot;
      }
    }
    throw new AssertionError("no lot " + id + " in " + feed);
  }

  @Test
  void theDashboard_isServedFromTheServer_withItsScripts_andLoadsNothingFromElsewhere() {
    ApiClient.Reply page = api.client().get("/", null);
    assertEquals(200, page.status());
    assertTrue(page.header("Content-Type").orElse("").startsWith("text/html"));
    assertTrue(page.header("Content-Security-Policy").orElse("").contains("default-src 'self'"));
    assertTrue(page.body().contains("<h1"), "a real heading");
    assertTrue(page.body().contains("/dashboard/dashboard.js"));
    for (String file : new String[] {"dashboard.js", "chart.js", "dashboard.css"}) {
      ApiClient.Reply asset = api.client().get("/dashboard/" + file, null);
      assertEquals(200, asset.status(), file);
      assertTrue(
          asset
              .header("Content-Type")
              .orElse("")
              .startsWith(file.endsWith(".css") ? "text/css" : "text/javascript"),
          file);
      // The SVG namespace is a name, not a place anything is loaded from.
      String loaded = asset.body().replace("http://www.w3.org/2000/svg", "");
      assertFalse(loaded.matches("(?s).*https?://.*"), file + " names no other server");
    }
    assertFalse(page.body().matches("(?s).*<script(?![^>]*src=)[^>]*>.*"), "no inline script");
    ApiClient.Reply unknown = api.client().get("/dashboard/secrets.txt", null);
    assertEquals(404, unknown.status());
    assertEquals("NOT_FOUND", unknown.code());
  }

  @Test
  void history_hasTheSamplesThePublisherTook_andAnUnknownFacilityIsA404() {
    Instant t0 = Instant.parse("2026-12-06T10:00:00Z");
    api.publisher.tick(t0);
    api.client().post("/api/v1/sessions", "{\"vehicle\":{\"plate\":\"H-1\"}}", api.driver("h"));
    api.publisher.tick(t0.plusSeconds(10));
    JsonNode history = api.client().get("/api/v1/facilities/default/history", null).json();
    assertEquals("default", history.path("facilityId").asText());
    assertEquals(10, history.path("intervalSeconds").asInt());
    assertEquals(2, history.path("samples").size());
    assertEquals(0, history.path("samples").get(0).path("occupied").asLong());
    assertEquals(1, history.path("samples").get(1).path("occupied").asLong());
    assertEquals(t0.toString(), history.path("samples").get(0).path("at").asText());
    assertEquals(
        "FACILITY_NOT_FOUND", api.client().get("/api/v1/facilities/nowhere/history", null).code());
  }
}
