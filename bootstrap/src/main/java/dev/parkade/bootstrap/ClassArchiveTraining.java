package dev.parkade.bootstrap;

import dev.parkade.adapters.web.Tokens;
import dev.parkade.domain.UserId;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The run whose loaded classes become {@code bootstrap/target/parkade.jsa}, the class-data archive
 * that the {@code ./parkade} launcher hands the JVM: the build runs it under {@code
 * -XX:ArchiveClassesAtExit} right after it packs the jar. A JVM started with the archive maps these
 * classes, already parsed and verified, instead of loading them one by one from the jar, which is
 * most of what a start costs (BENCHMARKS.md, section 5).
 *
 * <p>It starts a server on memory storage and one on a fresh H2 database, as {@code parkade serve}
 * does, has each answer what a first driver and a first operator's page ask, and stops them. Any
 * answer other than the expected one fails the build: the archive is only worth what its run
 * exercised.
 */
public final class ClassArchiveTraining {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private ClassArchiveTraining() {}

  public static void main(String[] args) throws Exception {
    // The command line's own classes, as `parkade serve` parses its flags.
    PrintWriter none = new PrintWriter(Writer.nullWriter());
    if (Main.run(new String[] {"serve", "--help"}, none, none) != 0) {
      throw new IllegalStateException("parkade serve --help did not exit with status 0");
    }
    Path dataDir = Files.createTempDirectory("parkade-class-archive");
    try {
      for (StorageKind storage : new StorageKind[] {StorageKind.MEMORY, StorageKind.H2}) {
        exercise(storage, dataDir.resolve(storage.flagValue()));
      }
    } finally {
      deleteTree(dataDir);
    }
  }

  private static void exercise(StorageKind storage, Path dataDir) throws Exception {
    ServerSettings settings =
        new ServerSettings(
            "127.0.0.1",
            0,
            storage,
            dataDir,
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            100,
            true,
            ServerSettings.DEFAULT_IDEMPOTENCY_TTL);
    // No PARKADE_* variable of the building shell may point the run at another database.
    Environment none = new Environment(Map.of());
    ParkadeServer server = ParkadeComponent.create(settings, none, Clock.systemUTC()).server();
    String url = server.start();
    try {
      String driver =
          "Bearer "
              + new Tokens(TokenSecret.resolve(none.variables(), dataDir), Clock.systemUTC())
                  .issue(new UserId("class-archive"), false, Duration.ofMinutes(5));
      expect(200, get(url + "/health/ready", null));
      expect(200, get(url + "/api/v1/lot", null));
      expect(200, get(url + "/api/v1/facilities", null));
      expect(200, get(url + "/feeds/parkapi.json", null));
      expect(200, get(url + "/", null));
      expect(200, get(url + "/metrics", null));
      String start = "{\"vehicle\":{\"plate\":\"CDS1\"}}";
      expect(201, post(url + "/api/v1/sessions", start, driver, "class-archive-start"));
      expect(201, post(url + "/api/v1/sessions", start, driver, "class-archive-start"));
      expect(200, get(url + "/api/v1/sessions/current", driver));
      expect(200, post(url + "/api/v1/sessions/current/end", "", driver, null));
      expect(404, post(url + "/api/v1/sessions/current/end", "", driver, null));
    } finally {
      server.stop();
    }
  }

  private static HttpResponse<String> get(String uri, @Nullable String auth)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri)).GET();
    if (auth != null) {
      request.header("Authorization", auth);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> post(
      String uri, String body, String auth, @Nullable String idempotencyKey)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(uri))
            .header("Authorization", auth)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (idempotencyKey != null) {
      request.header("Idempotency-Key", idempotencyKey);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static void expect(int status, HttpResponse<String> response) {
    if (response.statusCode() != status) {
      throw new IllegalStateException(
          response.request().method()
              + " "
              + response.request().uri()
              + " answered "
              + response.statusCode()
              + " instead of "
              + status
              + ": "
              + response.body());
    }
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
