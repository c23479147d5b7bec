package dev.parkade.adapters.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Requests broken below what an HTTP client library lets one send (a body cut short, a bad chunk, a
 * URI Jetty cannot decode, headers too large): each is a 4xx problem+json, never a 5xx nor an HTML
 * page, whichever layer refuses it.
 */
class BrokenRequestsTest {
  @RegisterExtension final RunningApi api = new RunningApi(0);

  /** The raw reply to {@code head} (and {@code body}), after this side stops sending. */
  private String send(String head, String body) throws IOException {
    InetAddress server = InetAddress.getByAddress(new byte[] {127, 0, 0, 1}); // where app listens
    try (Socket socket = new Socket(server, api.port())) {
      socket.setSoTimeout(30_000); // a server that never answers fails the test, not the build
      OutputStream out = socket.getOutputStream();
      out.write((head + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
      out.write(body.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      socket.shutdownOutput();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }

  private String post(String path, String headers, String body) throws IOException {
    return send(
        "POST "
            + path
            + " HTTP/1.1\r\nHost: test\r\nAuthorization: Bearer "
            + api.operator("ops")
            + "\r\nContent-Type: application/json\r\n"
            + headers,
        body);
  }

  private static void assertProblem(String reply, int status) {
    assertTrue(reply.startsWith("HTTP/1.1 " + status + " "), reply);
    assertTrue(
        reply.toLowerCase(Locale.ROOT).contains("content-type: application/problem+json"), reply);
    assertTrue(reply.contains("\"status\":" + status), reply);
  }

  @Test
  void aBodyCutShort_isA400() throws IOException {
    for (String path : new String[] {"/api/v1/sessions", "/api/v1/spots"}) {
      assertProblem(post(path, "Content-Length: 100\r\n", "{\"vehicle\""), 400);
    }
  }

  @Test
  void aChunkOfBadSize_isA400() throws IOException {
    String reply =
        post("/api/v1/sessions", "Transfer-Encoding: chunked\r\n", "ZZ\r\n{}\r\n0\r\n\r\n");

    assertProblem(reply, 400);
  }

  @Test
  void aPathJettyCannotDecode_isA400Problem_forEveryMethod() throws IOException {
    for (String method : new String[] {"GET", "DELETE", "PUT"}) {
      for (String path : new String[] {"/api/v1/spots/a%ZZ", "/api/v1/spots/%FF%FE"}) {
        String reply = send(method + " " + path + " HTTP/1.1\r\nHost: test\r\n", "");
        assertProblem(reply, 400);
      }
    }
  }

  @Test
  void aQueryParameterBadlyPercentEncoded_isA400NamingIt_notDropped() throws IOException {
    for (String query : new String[] {"limit=%ZZ", "limit=1%", "limit=%4"}) {
      String reply = send("GET /api/v1/spots/available?" + query + " HTTP/1.1\r\nHost: t\r\n", "");
      assertProblem(reply, 400);
      assertTrue(reply.contains("query parameter 'limit'"), reply);
    }
  }

  @Test
  void aUriOrHeadersTooLarge_isA4xxProblem() throws IOException {
    assertProblem(
        send("GET /api/v1/lot?q=" + "x".repeat(20_000) + " HTTP/1.1\r\nHost: t\r\n", ""), 414);
    assertProblem(
        send("GET /api/v1/lot HTTP/1.1\r\nHost: t\r\nX-Big: " + "x".repeat(20_000) + "\r\n", ""),
        431);
  }

  @Test
  void anOrdinaryRequest_overTheSameRawPath_stillWorks() throws IOException {
    String reply = send("GET /health/live HTTP/1.1\r\nHost: t\r\nConnection: close\r\n", "");

    assertEquals("HTTP/1.1 200 OK", reply.lines().findFirst().orElse(""), reply);
  }
}
