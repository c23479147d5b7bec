package dev.parkade.adapters.web;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parkade.adapters.inmemory.InMemoryParkingLot;
import dev.parkade.application.ParkingService;
import dev.parkade.application.SessionIdGenerator;
import io.javalin.Javalin;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A client that stops sending its body halfway, past the connection's idle timeout (shortened here
 * to a few hundred milliseconds on a connector of the test's own).
 */
class SlowBodyTest {
  private final InMemoryParkingLot lot = new InMemoryParkingLot();
  private final ParkingService service =
      new ParkingService(lot, lot, Clock.systemUTC(), SessionIdGenerator.randomUuids());
  private final List<ServerConnector> impatient = new ArrayList<>();
  private Javalin app = Javalin.create();

  @AfterEach
  void stop() {
    app.stop();
  }

  @Test
  @Timeout(30)
  void aBodyThatStopsArriving_isA408Problem_notJavalinsEmptyOne() throws IOException {
    app =
        Javalin.create(
            c -> {
              c.jetty.addConnector(
                  (server, http) -> {
                    ServerConnector connector =
                        new ServerConnector(server, new HttpConnectionFactory(http));
                    connector.setHost("127.0.0.1");
                    connector.setIdleTimeout(300);
                    impatient.add(connector);
                    return connector;
                  });
              ErrorMapping.register(c.routes, new ApiMetrics(service));
              c.routes.post("/read", ctx -> ctx.result(BodyReader.read(ctx)));
            });
    app.start("127.0.0.1", 0);

    InetAddress server = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
    try (Socket socket = new Socket(server, impatient.get(0).getLocalPort())) {
      socket.setSoTimeout(20_000);
      OutputStream out = socket.getOutputStream();
      // Ten bytes of a hundred, and then nothing; the connection stays open.
      out.write(
          "POST /read HTTP/1.1\r\nHost: t\r\nContent-Length: 100\r\n\r\n{\"vehicle\""
              .getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      String reply =
          new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);

      assertTrue(reply.startsWith("HTTP/1.1 408 "), reply);
      assertTrue(
          reply.toLowerCase(Locale.ROOT).contains("content-type: application/problem+json"), reply);
      assertTrue(reply.contains("\"code\":\"REQUEST_TIMEOUT\""), reply);
    }
  }
}
