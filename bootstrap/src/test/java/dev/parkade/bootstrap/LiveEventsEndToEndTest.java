package dev.parkade.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parkade.adapters.web.ApiClient;
import dev.parkade.adapters.web.SseClient;
import dev.parkade.adapters.web.Tokens;
import dev.parkade.domain.UserId;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Live events through the real server, wired as {@code parkade serve} wires it with its publisher
 * ticking, on every storage; and two servers on one PostgreSQL database, each seeing the other's
 * changes on its streams within the second the contract allows.
 */
class LiveEventsEndToEndTest {
  private static final String SECRET = "a-live-events-secret-of-32-bytes-or-more";
  private static final Duration WITHIN = Duration.ofSeconds(1);
  private static final Duration CONNECT = Duration.ofSeconds(5);
  private static final int SPOTS = 120;
  private static final int BURST = 100;
  private static final ObjectMapper JSON = new ObjectMapper();
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

  private String driver() {
    return tokens.issue(
        new UserId("live-" + UUID.randomUUID().toString().substring(0, 8)),
        false,
        Duration.ofMinutes(10));
  }

  private static JsonNode data(SseClient.Event event) throws IOException {
    return JSON.readTree(event.data());
  }

  private static SseClient occupancy(ParkadeServer server) throws IOException {
    return new SseClient(server.port(), "/api/v1/events", Map.of("Accept", "*/*"));
  }

  private static SseClient sessions(ParkadeServer server, String token) throws IOException {
    return new SseClient(
        server.port(),
        "/api/v1/sessions/current/events",
        Map.of("Authorization", "Bearer " + token));
  }

  private static boolean isAvailable(SseClient.Event event, long available) {
    try {
      return event.event().equals("occupancy")
          && data(event).path("available").asLong() == available;
    } catch (IOException notJson) {
      return false;
    }
  }

  /** Waits for the occupancy event whose counts say {@code available}, within {@code time}. */
  private static JsonNode awaitAvailable(SseClient stream, long available, Duration time)
      throws Exception {
    return data(stream.until(e -> isAvailable(e, available), time).get(0));
  }

  private static long available(ApiClient client) {
    return client.get("/api/v1/lot", null).json().path("available").asLong();
  }

  @ParameterizedTest
  @EnumSource(StorageKind.class)
  void streams_showEachChangeWithinASecond_andTheFeedHasTheExactCounts(StorageKind kind)
      throws Exception {
    ParkadeServer server = server(kind);
    server.start();
    try (SseClient stream = occupancy(server)) {
      ApiClient client = new ApiClient(server.port());
      long before = available(client);
      assertEquals(before, data(stream.next(CONNECT)).path("available").asLong(), "snapshot");

      String driver = driver();
      try (SseClient mine = sessions(server, driver)) {
        assertEquals("no active session", mine.next(CONNECT).data());
        assertEquals(
            201,
            client
                .post("/api/v1/sessions", "{\"vehicle\":{\"plate\":\"LIVE 1\"}}", driver)
                .status());
        awaitAvailable(stream, before - 1, WITHIN);
        assertEquals("ACTIVE", data(mine.next(WITHIN)).path("status").asText());

        JsonNode lot = client.get("/feeds/parkapi.json", null).json().path("lots").get(0);
        assertEquals("default", lot.path("id").asText());
        assertEquals(before - 1, lot.path("free").asLong());
        assertEquals("open", lot.path("state").asText());

        assertEquals(200, client.post("/api/v1/sessions/current/end", "", driver).status());
        awaitAvailable(stream, before, WITHIN);
        assertEquals("ENDED", data(mine.next(WITHIN)).path("status").asText());
      }
    } finally {
      server.stop(); // with a stream still open: stopping does not wait for it
    }
  }

  @Test
  void twoServersOnOnePostgres_seeEachOthersChanges_onTheirStreams_withinASecond()
      throws Exception {
    ParkadeServer a = server(StorageKind.POSTGRES);
    ParkadeServer b = server(StorageKind.POSTGRES);
    a.start();
    b.start();
    try (SseClient onB = occupancy(b)) {
      ApiClient clientA = new ApiClient(a.port());
      long before = available(clientA);
      data(onB.next(CONNECT));
      String driver = driver();
      try (SseClient driverOnB = sessions(b, driver)) {
        driverOnB.next(CONNECT); // no active session yet
        assertEquals(
            201,
            clientA
                .post("/api/v1/sessions", "{\"vehicle\":{\"plate\":\"NODE A\"}}", driver)
                .status());
        awaitAvailable(onB, before - 1, WITHIN);
        JsonNode started = data(driverOnB.next(WITHIN));
        assertEquals("ACTIVE", started.path("status").asText());

        assertEquals(200, clientA.post("/api/v1/sessions/current/end", "", driver).status());
        awaitAvailable(onB, before, WITHIN);
        assertEquals("ENDED", data(driverOnB.next(WITHIN)).path("status").asText());
        assertTrue(started.path("id").asText().length() > 0);
      }
    } finally {
      a.stop();
      b.stop();
    }
  }

  @ParameterizedTest
  @EnumSource(StorageKind.class)
  void aBurstOfStarts_isCoalesced_andAReconnectGetsTheCurrentCountsAtOnce(StorageKind kind)
      throws Exception {
    ParkadeServer server = server(kind);
    server.start();
    List<String> drivers = new ArrayList<>();
    ApiClient client = new ApiClient(server.port());
    try (SseClient stream = occupancy(server)) {
      long before = available(client);
      SseClient.Event snapshot = stream.next(CONNECT);
      for (int i = 0; i < BURST; i++) {
        String driver = driver();
        drivers.add(driver);
        assertEquals(
            201,
            client
                .post("/api/v1/sessions", "{\"vehicle\":{\"plate\":\"B" + i + "\"}}", driver)
                .status());
      }
      List<SseClient.Event> seen = stream.until(e -> isAvailable(e, before - BURST), WITHIN);
      long events = seen.stream().filter(e -> e.event().equals("occupancy")).count();
      assertTrue(events <= BURST / 4, "coalesced: " + events + " events for " + BURST + " starts");

      try (SseClient again =
          new SseClient(server.port(), "/api/v1/events", Map.of("Last-Event-ID", snapshot.id()))) {
        assertEquals(before - BURST, data(again.next(CONNECT)).path("available").asLong());
      }
    } finally {
      for (String driver : drivers) {
        client.post("/api/v1/sessions/current/end", "", driver); // PostgreSQL's lot outlives this
      }
      server.stop();
    }
  }
}
