package dev.parkade.adapters.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parkade.application.StartSession;
import dev.parkade.domain.FacilityId;
import dev.parkade.domain.LicensePlate;
import dev.parkade.domain.SpotFeatures;
import dev.parkade.domain.UserId;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The event streams over real HTTP on the in-memory lot, with the live publisher ticked by the test
 * at instants it chooses, so that what is coalesced and when is exact.
 */
class EventStreamsApiTest {
  private static final Duration WAIT = Duration.ofSeconds(5);
  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension final RunningApi api = new RunningApi(200);
  private Instant now = Instant.parse("2026-12-06T10:00:00Z");

  private void tick() {
    now = now.plusMillis(250);
    api.publisher.tick(now);
  }

  private SseClient occupancy(String query) throws IOException {
    return new SseClient(api.port(), "/api/v1/events" + query, Map.of("Accept", "*/*"));
  }

  private static JsonNode data(SseClient.Event event) throws IOException {
    return JSON.readTree(event.data());
  }

  private void park(String user) {
    assertEquals(
        201,
        api.client()
            .post(
                "/api/v1/sessions", "{\"vehicle\":{\"plate\":\"" + user + "\"}}", api.driver(user))
            .status());
  }

  @Test
  void aStream_isAnsweredWhateverAcceptSays_andStartsWithASnapshot() throws Exception {
    tick();
    try (SseClient stream = occupancy("")) {
      assertEquals(200, stream.status());
      assertTrue(stream.header("Content-Type").startsWith("text/event-stream"));
      assertEquals("no-store", stream.header("Cache-Control"));
      SseClient.Event snapshot = stream.next(WAIT);
      assertEquals("occupancy", snapshot.event());
      JsonNode counts = data(snapshot);
      assertEquals("default", counts.path("facilityId").asText());
      assertEquals(200, counts.path("total").asLong());
      assertEquals(200, counts.path("available").asLong());
      assertEquals(0, counts.path("occupied").asLong());
      assertTrue(!snapshot.id().isBlank());
    }
  }

  @Test
  void aChange_isSeen_andABurstIsCoalescedIntoOneEventWithTheFinalCounts() throws Exception {
    tick();
    try (SseClient stream = occupancy("")) {
      stream.next(WAIT); // the snapshot
      park("first");
      tick();
      assertEquals(199, data(stream.next(WAIT)).path("available").asLong());

      for (int i = 0; i < 100; i++) {
        park("d" + i);
      }
      tick();
      JsonNode last = data(stream.next(WAIT));
      assertEquals(99, last.path("available").asLong());
      assertEquals(101, last.path("occupied").asLong());
      tick();
      assertEquals(List.of(), stream.drain(), "nothing more: the burst was one event");
    }
  }

  @Test
  void aReconnectWithLastEventId_getsTheCurrentCountsAtOnce() throws Exception {
    tick();
    String lastId;
    try (SseClient stream = occupancy("")) {
      lastId = stream.next(WAIT).id();
    }
    park("away");
    tick();
    try (SseClient again =
        new SseClient(api.port(), "/api/v1/events", Map.of("Last-Event-ID", lastId))) {
      assertEquals(199, data(again.next(WAIT)).path("available").asLong());
    }
  }

  @Test
  void facilityId_filtersTheStream_andAnUnknownOneIsA404BeforeAnyStream() throws Exception {
    api.client()
        .post("/api/v1/facilities", "{\"id\":\"harbour\",\"name\":\"Harbour\"}", api.operator("o"));
    tick();
    try (SseClient stream = occupancy("?facilityId=harbour")) {
      assertEquals("harbour", data(stream.next(WAIT)).path("facilityId").asText());
      park("elsewhere"); // in the default facility
      tick();
      tick();
      assertEquals(List.of(), stream.drain());
    }
    ApiClient.Reply unknown = api.client().get("/api/v1/events?facilityId=nowhere", null);
    assertEquals(404, unknown.status());
    assertEquals("FACILITY_NOT_FOUND", unknown.code());
    assertEquals(400, api.client().get("/api/v1/events?facilityId=a%20b", null).status());
  }

  @Test
  void aDriversStream_sendsTheirSessionStartingAndEnding_andNobodyElses() throws Exception {
    String alice = api.driver("alice");
    try (SseClient stream =
        new SseClient(
            api.port(),
            "/api/v1/sessions/current/events",
            Map.of("Authorization", "Bearer " + alice))) {
      assertEquals(200, stream.status());
      assertEquals("no active session", stream.next(WAIT).data());
      park("bob");
      park("alice");
      tick();
      SseClient.Event started = stream.next(WAIT);
      assertEquals("session", started.event());
      assertEquals("alice", data(started).path("userId").asText(data(started).toString()));
      assertEquals("ACTIVE", data(started).path("status").asText());
      assertTrue(started.id().endsWith(".A"));

      api.client().post("/api/v1/sessions/current/end", "", alice);
      tick();
      SseClient.Event ended = stream.next(WAIT);
      assertEquals("ENDED", data(ended).path("status").asText());
      assertEquals(List.of(), stream.drain(), "bob's session is not on alice's stream");
    }
  }

  @Test
  void aDriversStream_needsAToken() {
    ApiClient.Reply anonymous = api.client().get("/api/v1/sessions/current/events", null);
    assertEquals(401, anonymous.status());
  }

  @Test
  void aDriverReconnecting_afterTheirSessionEnded_getsItEnded() throws Exception {
    String alice = api.driver("alice");
    park("alice");
    String lastId;
    try (SseClient stream =
        new SseClient(
            api.port(),
            "/api/v1/sessions/current/events",
            Map.of("Authorization", "Bearer " + alice))) {
      lastId = stream.next(WAIT).id();
    }
    api.client().post("/api/v1/sessions/current/end", "", alice);
    try (SseClient again =
        new SseClient(
            api.port(),
            "/api/v1/sessions/current/events",
            Map.of("Authorization", "Bearer " + alice, "Last-Event-ID", lastId))) {
      assertEquals("ENDED", data(again.next(WAIT)).path("status").asText());
    }
  }

  @Test
  void keepAlives_areComments() throws Exception {
    try (SseClient stream = occupancy("")) {
      api.publisher.tick(now.plusSeconds(60));
      SseClient.Event comment = stream.until(e -> e.event().equals("comment"), WAIT).get(0);
      assertEquals("keep-alive", comment.data());
    }
  }

  /**
   * A client that never reads fills its socket, then its queue, and is dropped; a client that reads
   * keeps getting every event meanwhile, and the writer is never held up.
   */
  @Test
  void aClientThatDoesNotRead_isDropped_whileAFastOneKeepsReceiving() throws Exception {
    tick();
    try (Socket slow = new Socket();
        SseClient fast = occupancy("")) {
      slow.setReceiveBufferSize(4096);
      slow.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), api.port()));
      slow.getOutputStream()
          .write(
              "GET /api/v1/events HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      // Its first bytes come once it has joined; after them, it reads nothing more.
      assertTrue(slow.getInputStream().read() > 0);
      assertEquals(2, api.streams.occupancyStreams());
      fast.next(WAIT);
      List<Long> seen = new ArrayList<>();
      // Each round parks or leaves, so each tick sends both an event; in process, so that enough
      // rounds to fill every buffer between the server and a client that reads nothing are quick.
      UserId driver = new UserId("d");
      for (int round = 0; api.streams.occupancyStreams() == 2 && round < 100_000; round++) {
        if (round % 2 == 0) {
          api.service.startSession(
              new StartSession(
                  driver, new LicensePlate("D-1"), FacilityId.DEFAULT, SpotFeatures.NONE));
        } else {
          api.service.endCurrentSession(driver);
        }
        tick();
        seen.add(data(fast.next(WAIT)).path("available").asLong());
      }
      assertEquals(1, api.streams.occupancyStreams(), "the slow client was dropped");
      String metrics = api.client().get("/metrics", null).body();
      assertTrue(
          metrics
              .lines()
              .anyMatch(
                  l -> l.matches("parkade_sse_dropped_total\\{stream=\"occupancy\",?} 1\\.0")),
          metrics);
      park("after");
      tick();
      assertEquals(
          api.service.occupancy().free(), data(fast.next(WAIT)).path("available").asLong());
      assertTrue(seen.size() > 64, "the fast client got every event meanwhile: " + seen.size());
    }
  }

  @Test
  void aHeadRequest_answersTheStreamsHeaders_andNoStream() {
    ApiClient.Reply head =
        api.client()
            .send(
                api.client()
                    .request("/api/v1/events", null)
                    .method("HEAD", java.net.http.HttpRequest.BodyPublishers.noBody()));
    assertEquals(200, head.status());
    assertTrue(head.header("Content-Type").orElse("").startsWith("text/event-stream"));
  }

  @Test
  void closingEveryStream_endsThem_soThatAServerStopsWithoutWaiting() throws Exception {
    tick();
    try (SseClient stream = occupancy("")) {
      stream.next(WAIT);
      api.streams.closeAll();
      stream.ended().get(5, TimeUnit.SECONDS);
      assertEquals(0, api.streams.occupancyStreams());
    }
  }
}
