package dev.parkade.bootstrap;

import dev.parkade.adapters.web.ParkadeApi;
import dev.parkade.application.ParkingService;
import dev.parkade.domain.ParkingException;
import dev.parkade.domain.ParkingFailure;
import dev.parkade.domain.SpotId;
import io.javalin.Javalin;
import java.net.BindException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import javax.inject.Inject;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The running product: the API on its port over the chosen storage. */
public final class ParkadeServer {
  private static final Logger LOG = LoggerFactory.getLogger(ParkadeServer.class);
  private static final int SEED_BATCH = 10_000;

  private final ServerSettings settings;
  private final Storage storage;
  private final ParkingService service;
  private final Javalin api;
  private final KeyPurge keyPurge;
  private final LiveThread live;
  private final ParkadeApi.Live streams;
  private volatile boolean listening;

  @Inject
  ParkadeServer(
      ServerSettings settings,
      Storage storage,
      ParkingService service,
      Javalin api,
      KeyPurge keyPurge,
      LiveThread live,
      ParkadeApi.Live streams) {
    this.live = live;
    this.streams = streams;
    this.settings = settings;
    this.storage = storage;
    this.service = service;
    this.api = api;
    this.keyPurge = keyPurge;
  }

  /** Seeds an empty lot, starts listening, and answers the URL it listens on. */
  public String start() {
    String hostProblem = problemWith(settings.host());
    if (hostProblem != null) {
      storage.close();
      throw new ConfigurationException("--host", hostProblem);
    }
    seedEmptyLot();
    try {
      api.start(settings.host(), settings.port());
    } catch (RuntimeException e) {
      storage.close();
      // The host is this machine's, so a refused bind is about the port: in use, or privileged.
      BindException refused = causeOf(e, BindException.class);
      throw new ConfigurationException(
          refused != null ? "--port" : "--host",
          "cannot listen on "
              + settings.host()
              + ":"
              + settings.port()
              + ": "
              + (refused != null ? refused.getMessage() : e.getMessage()));
    }
    listening = true;
    keyPurge.start(settings.idempotencyTtl());
    live.start();
    String url = urlOf(settings.host(), api.port());
    LOG.info("Parkade ready at {} (storage {})", url, settings.storage().flagValue());
    return url;
  }

  public int port() {
    return api.port();
  }

  /**
   * Stops accepting, lets requests in flight finish (up to 10 s), closes storage. A server stopped
   * before it listened only closes its storage.
   */
  public void stop() {
    live.close();
    // An open stream is a request in flight: ended now, so that stopping does not wait for it.
    closeEventStreams();
    if (listening) {
      api.stop();
    }
    keyPurge.close();
    storage.close();
    LOG.info("Parkade stopped");
  }

  /** Ends every open event stream; their clients reconnect, as they do after a network drop. */
  void closeEventStreams() {
    streams.streams().closeAll();
  }

  /** On first start with an empty lot, creates {@code L1-001}, {@code L1-002}, ... */
  private void seedEmptyLot() {
    int count = settings.initialSpots();
    if (count == 0 || service.occupancy().total() > 0) {
      return;
    }
    int width = Math.max(3, String.valueOf(count).length());
    try {
      for (int from = 1; from <= count; from += SEED_BATCH) {
        List<SpotId> batch = new ArrayList<>();
        for (int i = from; i < from + SEED_BATCH && i <= count; i++) {
          batch.add(new SpotId("L1-" + String.format("%0" + width + "d", i)));
        }
        service.addSpots(batch);
      }
      LOG.info("created {} spots in an empty lot", count);
    } catch (ParkingException e) {
      if (e.failure() != ParkingFailure.SPOT_EXISTS) {
        throw e;
      }
      // another node seeded the lot at the same moment
    }
  }

  /** The URL a client uses; an IPv6 literal goes in brackets (RFC 3986), or the port is lost. */
  static String urlOf(String host, int port) {
    return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }

  private static <T extends Throwable> @Nullable T causeOf(Throwable e, Class<T> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }

  /**
   * Why {@code host} cannot be listened on, checked before binding so that the refusal names the
   * right setting; {@code null} when it is an address of this machine (or any address).
   */
  private static @Nullable String problemWith(String host) {
    try {
      InetAddress address = InetAddress.getByName(host);
      if (address.isAnyLocalAddress()
          || address.isLoopbackAddress()
          || NetworkInterface.getByInetAddress(address) != null) {
        return null;
      }
      return host + " is not an address of this machine";
    } catch (UnknownHostException e) {
      return "cannot resolve " + host;
    } catch (SocketException e) {
      return null; // cannot list the interfaces: let the bind decide
    }
  }
}
