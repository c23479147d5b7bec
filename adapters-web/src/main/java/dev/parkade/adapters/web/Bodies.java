package dev.parkade.adapters.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.parkade.application.AvailableSpots;
import dev.parkade.application.FacilityStatus;
import dev.parkade.application.OccupancyHistory;
import dev.parkade.application.SessionPage;
import dev.parkade.application.SpotPage;
import dev.parkade.domain.FacilityId;
import dev.parkade.domain.ParkingSession;
import dev.parkade.domain.SpotFeature;
import dev.parkade.domain.SpotFeatures;
import dev.parkade.domain.SpotId;
import dev.parkade.domain.port.FacilityCounts;
import dev.parkade.domain.port.Occupancy;
import dev.parkade.domain.port.Spot;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The JSON bodies the API answers with, as records, with their conversions from the domain. */
final class Bodies {
  private Bodies() {}

  /** A 204: no body, and without Javalin's default {@code text/plain} content type. */
  static void noContent(Context ctx) {
    ctx.status(204);
    ctx.res().setContentType(null);
  }

  record Vehicle(String plate) {}

  record Session(
      String id,
      String userId,
      Vehicle vehicle,
      String spotId,
      String facilityId,
      List<String> spotFeatures,
      String status,
      String startTime,
      @Nullable String endTime) {
    static Session from(ParkingSession s) {
      return new Session(
          s.id().value(),
          s.userId().value(),
          new Vehicle(s.plate().value()),
          s.spotId().value(),
          s.facilityId().value(),
          names(s.spotFeatures()),
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

  record SpotState(String id, String state, String facilityId, List<String> features) {}

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
    return new SpotState(
        spot.id().value(), spot.state().name(), spot.facility().value(), names(spot.features()));
  }

  record Location(double lat, double lon) {}

  record FeatureCount(long total, long available) {}

  /** A facility with its counts; {@code location} and {@code address} only when it has them. */
  record Facility(
      String id,
      String name,
      @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Location location,
      @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String address,
      long total,
      long available,
      long occupied,
      Map<String, FeatureCount> byFeature) {
    static Facility from(FacilityStatus status) {
      dev.parkade.domain.Facility facility = status.facility();
      Occupancy all = status.counts().all();
      return new Facility(
          facility.id().value(),
          facility.name(),
          facility.location().map(l -> new Location(l.lat(), l.lon())).orElse(null),
          facility.address().orElse(null),
          all.total(),
          all.free(),
          all.occupied(),
          featureCounts(status.counts()));
    }

    /** Each feature the facility has spots with, and its counts. */
    static Map<String, FeatureCount> featureCounts(FacilityCounts counts) {
      Map<String, FeatureCount> byFeature = new LinkedHashMap<>();
      counts
          .byFeature()
          .forEach(
              (feature, c) -> {
                if (c.total() > 0) {
                  byFeature.put(feature.name(), new FeatureCount(c.total(), c.free()));
                }
              });
      return byFeature;
    }
  }

  record Facilities(List<Facility> facilities) {
    static Facilities from(List<FacilityStatus> statuses) {
      return new Facilities(statuses.stream().map(Facility::from).toList());
    }
  }

  record Sample(String at, long total, long available, long occupied) {}

  /** A facility's samples of the last hour, oldest first. */
  record History(String facilityId, long intervalSeconds, List<Sample> samples) {
    static History from(FacilityId facility, List<OccupancyHistory.Sample> samples) {
      return new History(
          facility.value(),
          OccupancyHistory.INTERVAL.toSeconds(),
          samples.stream()
              .map(s -> new Sample(s.at().toString(), s.total(), s.available(), s.occupied()))
              .toList());
    }
  }

  /** Feature names in their declared order, as the contract spells them. */
  private static List<String> names(SpotFeatures features) {
    return features.set().stream().map(SpotFeature::name).toList();
  }
}
