package dev.parkade.adapters.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Objects;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Bodies larger than the array through which Javalin copies them to Jetty ({@link
 * ParkadeApi#RESPONSE_COPY_BYTES}) arrive whole, and compressed when the client asks: Javalin
 * decides to compress from the length of a body's first write, which that array bounds.
 */
class ResponseBodiesTest {
  private static final String LARGE = "/dashboard/dashboard.js";

  @RegisterExtension final RunningApi api = new RunningApi(3);

  private final HttpClient http = HttpClient.newHttpClient();

  /** Jetty's output buffer, which gathers the copies; a body that fits gets a Content-Length. */
  private static final int JETTY_BUFFER_BYTES = 32 * 1024;

  @Test
  void aBodyOfSeveralCopies_arrivesWhole_withItsLength() throws Exception {
    byte[] file;
    try (var in = ResponseBodiesTest.class.getResourceAsStream(LARGE)) {
      file = Objects.requireNonNull(in, LARGE).readAllBytes();
    }
    assertTrue(
        file.length > 4 * ParkadeApi.RESPONSE_COPY_BYTES && file.length < JETTY_BUFFER_BYTES,
        "the test needs a body of several copies that fits Jetty's buffer, was " + file.length);
    HttpResponse<byte[]> plain = get("identity");
    assertEquals(200, plain.statusCode());
    assertArrayEquals(file, plain.body());
    assertEquals(
        String.valueOf(file.length),
        plain.headers().firstValue("Content-Length").orElse("none: chunked"));
  }

  @Test
  void aLargeBody_isCompressed_whenTheClientAsks_andDecompressesToTheSameBytes() throws Exception {
    byte[] plain = get("identity").body();
    HttpResponse<byte[]> zipped = get("gzip");
    assertEquals(200, zipped.statusCode());
    assertEquals("gzip", zipped.headers().firstValue("Content-Encoding").orElse("none"));
    assertArrayEquals(plain, gunzip(zipped.body()));
  }

  private HttpResponse<byte[]> get(String encoding) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + LARGE))
            .header("Accept-Encoding", encoding)
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
  }

  private static byte[] gunzip(byte[] zipped) throws IOException {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(zipped))) {
      return in.readAllBytes();
    }
  }
}
