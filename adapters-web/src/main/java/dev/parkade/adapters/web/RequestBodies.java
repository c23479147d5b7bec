package dev.parkade.adapters.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parkade.application.StartSession;
import dev.parkade.domain.Facility;
import dev.parkade.domain.FacilityId;
import dev.parkade.domain.InvalidValueException;
import dev.parkade.domain.LicensePlate;
import dev.parkade.domain.Location;
import dev.parkade.domain.SpotFeature;
import dev.parkade.domain.SpotFeatures;
import dev.parkade.domain.SpotId;
import dev.parkade.domain.UserId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The JSON bodies the API reads, turned into the domain's values; anything the contract does not
 * accept is a {@link RequestRejected} naming the field.
 */
final class RequestBodies {
  private RequestBodies() {}

  /**
   * {@code {"vehicle": {"plate": "AB-123-CD"}, "facilityId"?: "centrum", "needs"?:
   * ["EV_CHARGING"]}}
   */
  static StartSession start(UserId user, JsonNode body) {
    JsonNode start = object(body);
    JsonNode vehicle = start.path("vehicle");
    if (!vehicle.isObject()) {
      throw RequestRejected.field("vehicle", "is required and must be an object");
    }
    JsonNode plate = vehicle.path("plate");
    if (!plate.isTextual()) {
      throw RequestRejected.field("vehicle.plate", "is required and must be a string");
    }
    LicensePlate licensePlate;
    try {
      licensePlate = new LicensePlate(plate.asText());
    } catch (InvalidValueException e) {
      throw RequestRejected.value("vehicle." + e.field(), e);
    }
    return new StartSession(
        user, licensePlate, facilityOf(start), features(start, "needs").orElse(SpotFeatures.NONE));
  }

  /** What {@code POST /api/v1/spots} adds: every id with the same facility and features. */
  record SpotsToAdd(FacilityId facility, SpotFeatures features, List<SpotId> ids) {}

  /** {@code {"ids": ["L2-001", ...], "facilityId"?: "centrum", "features"?: ["WIDE"]}} */
  static SpotsToAdd spotsToAdd(JsonNode body) {
    JsonNode add = object(body);
    JsonNode ids = add.path("ids");
    if (!ids.isArray()) {
      throw RequestRejected.field("ids", "is required and must be an array of strings");
    }
    List<SpotId> spots = new ArrayList<>(ids.size());
    for (int i = 0; i < ids.size(); i++) {
      spots.add(text(ids.get(i), "ids[" + i + "]", SpotId::new));
    }
    return new SpotsToAdd(
        facilityOf(add), features(add, "features").orElse(SpotFeatures.NONE), spots);
  }

  /** {@code {"id", "name", "location"?: {"lat", "lon"}, "address"?}} */
  static Facility facility(JsonNode body) {
    JsonNode facility = object(body);
    FacilityId id = text(required(facility, "id"), "id", FacilityId::new);
    String name = text(required(facility, "name"), "name", Function.identity());
    Optional<Location> location = Optional.empty();
    JsonNode where = facility.path("location");
    if (!where.isMissingNode() && !where.isNull()) {
      if (!where.isObject()) {
        throw RequestRejected.field("location", "must be an object with lat and lon");
      }
      location =
          Optional.of(value(() -> new Location(degrees(where, "lat"), degrees(where, "lon"))));
    }
    JsonNode address = facility.path("address");
    Optional<String> text =
        address.isMissingNode() || address.isNull()
            ? Optional.empty()
            : Optional.of(text(address, "address", Function.identity()));
    Optional<Location> at = location;
    return value(() -> new Facility(id, name, at, text));
  }

  /** The facility a start or new spots name, {@code default} when they name none. */
  private static FacilityId facilityOf(JsonNode body) {
    JsonNode facility = body.path("facilityId");
    if (facility.isMissingNode() || facility.isNull()) {
      return FacilityId.DEFAULT;
    }
    return text(facility, "facilityId", FacilityId::new);
  }

  /** An array of feature names at {@code field}, or empty when the body has none. */
  private static Optional<SpotFeatures> features(JsonNode body, String field) {
    JsonNode names = body.path(field);
    if (names.isMissingNode() || names.isNull()) {
      return Optional.empty();
    }
    if (!names.isArray()) {
      throw RequestRejected.field(field, "must be an array of feature names");
    }
    EnumSet<SpotFeature> features = EnumSet.noneOf(SpotFeature.class);
    for (int i = 0; i < names.size(); i++) {
      String at = field + "[" + i + "]";
      features.add(text(names.get(i), at, name -> SpotFeature.named(at, name)));
    }
    return Optional.of(SpotFeatures.of(features));
  }

  private static double degrees(JsonNode location, String field) {
    JsonNode value = location.path(field);
    if (!value.isNumber()) {
      throw RequestRejected.field("location." + field, "is required and must be a number");
    }
    return value.asDouble();
  }

  private static JsonNode required(JsonNode body, String field) {
    JsonNode value = body.path(field);
    if (value.isMissingNode() || value.isNull()) {
      throw RequestRejected.field(field, "is required");
    }
    return value;
  }

  /** A string at {@code field}, made into a value; the domain's refusal names the field. */
  private static <T> T text(JsonNode node, String field, Function<String, T> make) {
    if (!node.isTextual()) {
      throw RequestRejected.field(field, "must be a string");
    }
    try {
      return make.apply(node.asText());
    } catch (InvalidValueException e) {
      throw RequestRejected.value(field, e);
    }
  }

  /** A value the domain builds from several fields; its refusal names its own field. */
  private static <T> T value(Supplier<T> make) {
    try {
      return make.get();
    } catch (InvalidValueException e) {
      throw RequestRejected.value(e.field(), e);
    }
  }

  private static JsonNode object(JsonNode body) {
    if (!body.isObject()) {
      throw RequestRejected.body("the request body must be a JSON object");
    }
    return body;
  }
}
