package dev.parkade.adapters.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parkade.application.AvailableSpots;
import dev.parkade.application.SessionPage;
import dev.parkade.application.SpotPage;
import dev.parkade.domain.InvalidValueException;
import dev.parkade.domain.LicensePlate;
import dev.parkade.domain.ParkingSession;
import dev.parkade.domain.SpotId;
import dev.parkade.domain.port.Occupancy;
import dev.parkade.domain.port.Spot;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The JSON bodies of the API, as records, with their conversions from and to the domain. */
final class Bodies {
  private Bodies() {}

  record Vehicle(String plate) {}

  record Session(
      String id,
      String userId,
      Vehicle vehicle,
      String spotId,
      String status,
      String startTime,
      @Nullable String endTime) {
    static Session from(ParkingSession s) {
      return new Session(
          s.id().value(),
          s.userId().value(),
          new Vehicle(s.plate().value()),
          s.spotId().value(),
          s.status().name(),
          s.startTime().toString(),
          s.endTime().map(Object::toString).orElse(null));
    }
  }

  record Lot(long total, long available, long occupied) {
    static Lot from(Occupancy o) {
      return new Lot(o.total(), o.free(), o.occupied());
    }
  }

  record Available(long available, List<String> spots) {
    static Available from(AvailableSpots a) {
      return new Available(a.available(), a.spots().stream().map(SpotId::value).toList());
    }
  }

  record SpotState(String id, String state) {}

  record SpotsPage(List<SpotState> spots, @Nullable String next) {
    static SpotsPage from(SpotPage page) {
      return new SpotsPage(
          page.spots().stream().map(Bodies::spotState).toList(),
          page.next().map(SpotId::value).orElse(null));
    }
  }

  record Created(List<String> created) {}

  record SessionsPage(List<Session> sessions, @Nullable String next) {
    static SessionsPage from(SessionPage page) {
      return new SessionsPage(
          page.sessions().stream().map(Session::from).toList(), page.next().orElse(null));
    }
  }

  private static SpotState spotState(Spot spot) {
    return new SpotState(spot.id().value(), spot.state().name());
  }

  // ---------------------------------------------------------------- requests

  /** {@code {"vehicle": {"plate": "AB-123-CD"}}} */
  static LicensePlate plateOfStart(JsonNode body) {
    JsonNode plate = object(body, "body").path("vehicle");
    if (!plate.isObject()) {
      throw RequestRejected.field("vehicle", "is required and must be an object");
    }
    JsonNode value = plate.path("plate");
    if (!value.isTextual()) {
      throw RequestRejected.field("vehicle.plate", "is required and must be a string");
    }
    try {
      return new LicensePlate(value.asText());
    } catch (InvalidValueException e) {
      throw RequestRejected.value("vehicle." + e.field(), e);
    }
  }

  /** {@code {"ids": ["L2-001", ...]}} */
  static List<SpotId> spotIdsToAdd(JsonNode body) {
    JsonNode ids = object(body, "body").path("ids");
    if (!ids.isArray()) {
      throw RequestRejected.field("ids", "is required and must be an array of strings");
    }
    List<SpotId> spots = new ArrayList<>(ids.size());
    for (int i = 0; i < ids.size(); i++) {
      JsonNode id = ids.get(i);
      if (!id.isTextual()) {
        throw RequestRejected.field("ids[" + i + "]", "must be a string");
      }
      try {
        spots.add(new SpotId(id.asText()));
      } catch (InvalidValueException e) {
        throw RequestRejected.value("ids[" + i + "]", e);
      }
    }
    return spots;
  }

  private static JsonNode object(JsonNode node, String what) {
    if (!node.isObject()) {
      throw RequestRejected.body("the request " + what + " must be a JSON object");
    }
    return node;
  }
}
