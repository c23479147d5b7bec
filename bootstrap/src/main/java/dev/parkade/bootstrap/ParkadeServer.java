package dev.parkade.bootstrap;

import dev.parkade.application.ParkingService;
import dev.parkade.domain.ParkingException;
import dev.parkade.domain.ParkingFailure;
import dev.parkade.domain.SpotId;
import io.javalin.Javalin;
import java.net.BindException;
import java.util.ArrayList;
import java.util.List;
import javax.inject.Inject;
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

  @Inject
  ParkadeServer(ServerSettings settings, Storage storage, ParkingService service, Javalin api) {
    this.settings = settings;
    this.storage = storage;
    this.service = service;
    this.api = api;
  }

  /** Seeds an empty lot, starts listening, and answers the URL it listens on. */
  public String start() {
    seedEmptyLot();
    try {
      api.start(settings.host(), settings.port());
    } catch (RuntimeException e) {
      storage.close();
      if (causedBy(e, BindException.class)) {
        throw new ConfigurationException(
            "--port", "cannot listen on " + settings.host() + ":" + settings.port() + ": in use");
      }
      throw new ConfigurationException(
          "--host",
          "cannot listen on " + settings.host() + ":" + settings.port() + ": " + e.getMessage());
    }
    String url = "http://" + settings.host() + ":" + api.port();
    LOG.info("Parkade ready at {} (storage {})", url, settings.storage().flagValue());
    return url;
  }

  public int port() {
    return api.port();
  }

  /** Stops accepting, lets requests in flight finish (up to 10 s), closes storage. */
  public void stop() {
    api.stop();
    storage.close();
    LOG.info("Parkade stopped");
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

  private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }
}
