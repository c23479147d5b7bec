package dev.parkade.adapters.web;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A Server-Sent Events client on a raw socket, as curl or a browser would be one: it sends the
 * request, reads the response head, then parses frames on a thread of its own into a queue that a
 * test waits on with a deadline. Comments are kept as frames with the event name {@code comment}.
 */
public final class SseClient implements AutoCloseable {
  /** One frame: its {@code id:}, {@code event:} and joined {@code data:} lines. */
  public record Event(String id, String event, String data) {}

  private final Socket socket;
  private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
  private final CompletableFuture<Void> ended = new CompletableFuture<>();
  private final int status;
  private final Map<String, String> headers = new LinkedHashMap<>();

  /**
   * Opens {@code path} on loopback {@code port} with the given request headers (a token as {@code
   * Authorization}, a {@code Last-Event-ID}...).
   */
  public SseClient(int port, String path, Map<String, String> requestHeaders) throws IOException {
    socket = new Socket();
    socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
    StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    requestHeaders.forEach(
        (name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
    request.append("\r\n");
    OutputStream out = socket.getOutputStream();
    out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
    out.flush();
    BufferedReader in =
        new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
    String statusLine = in.readLine();
    status = Integer.parseInt(statusLine.substring("HTTP/1.1 ".length(), "HTTP/1.1 200".length()));
    for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
      int colon = line.indexOf(':');
      headers.put(
          line.substring(0, colon).toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
    }
    Thread reader = new Thread(() -> read(in), "sse-client");
    reader.setDaemon(true);
    reader.start();
  }

  public int status() {
    return status;
  }

  /** A response header, or "" when the response has none of that name. */
  public String header(String name) {
    return headers.getOrDefault(name.toLowerCase(Locale.ROOT), "");
  }

  /** Chunked transfer lines (sizes) are skipped: a frame's lines never look like hex alone. */
  private void read(BufferedReader in) {
    boolean chunked = "chunked".equalsIgnoreCase(headers.get("transfer-encoding"));
    String id = "";
    String event = "message";
    List<String> data = new ArrayList<>();
    try {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (chunked && line.matches("[0-9a-fA-F]+")) {
          if (Integer.parseInt(line, 16) == 0) {
            return; // the last chunk: the server ended the stream
          }
          continue;
        }
        if (line.isEmpty()) {
          if (!data.isEmpty()) {
            events.add(new Event(id, event, String.join("\n", data)));
          }
          id = "";
          event = "message";
          data.clear();
        } else if (line.startsWith(":")) {
          events.add(new Event("", "comment", line.substring(1).trim()));
        } else if (line.startsWith("id: ")) {
          id = line.substring(4);
        } else if (line.startsWith("event: ")) {
          event = line.substring(7);
        } else if (line.startsWith("data: ")) {
          data.add(line.substring(6));
        }
      }
    } catch (IOException e) {
      // the stream ended: closed by either side
    } finally {
      ended.complete(null);
    }
  }

  /**
   * The next frame but keep-alives, waiting up to {@code timeout}; fails when none comes. Other
   * comments ({@code : no active session}) are frames.
   */
  public Event next(Duration timeout) throws InterruptedException {
    return until(e -> !e.event().equals("comment") || !e.data().equals("keep-alive"), timeout)
        .get(0);
  }

  /**
   * Frames until one matches, waiting up to {@code timeout} in all: the match first, then those it
   * passed over.
   */
  public List<Event> until(Predicate<Event> match, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<Event> seen = new ArrayList<>();
    while (true) {
      long left = deadline - System.nanoTime();
      Event event = left > 0 ? events.poll(left, TimeUnit.NANOSECONDS) : null;
      if (event == null) {
        throw new AssertionError("no matching event within " + timeout + "; saw " + seen);
      }
      if (match.test(event)) {
        seen.add(0, event);
        return seen;
      }
      seen.add(event);
    }
  }

  /** Every frame but keep-alives received so far, without waiting. */
  public List<Event> drain() {
    List<Event> taken = new ArrayList<>();
    events.drainTo(taken);
    taken.removeIf(e -> e.event().equals("comment") && e.data().equals("keep-alive"));
    return taken;
  }

  /** Completes when the server ends the stream (or the socket closes). */
  public CompletableFuture<Void> ended() {
    return ended;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
