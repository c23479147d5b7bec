package dev.parkade.adapters.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.parkade.application.OccupancyUpdate;
import dev.parkade.domain.ParkingSession;
import dev.parkade.domain.port.Occupancy;
import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * The bytes of Server-Sent Events frames, built once per event and shared by every stream that gets
 * it. Ids and event names hold no line break (facility and session ids cannot), and JSON on one
 * line needs one {@code data:} line.
 */
final class EventFrames {
  /** Sent first on every stream: how long a browser waits before it reconnects. */
  static final byte[] RETRY = ascii("retry: 2000\n\n");

  static final byte[] KEEP_ALIVE = ascii(": keep-alive\n\n");
  static final byte[] NO_ACTIVE_SESSION = ascii(": no active session\n\n");

  private EventFrames() {}

  /** The data of an {@code occupancy} event: the facility's counts, as a facility shows them. */
  record OccupancyData(
      String facilityId,
      long total,
      long available,
      long occupied,
      String at,
      Map<String, Bodies.FeatureCount> byFeature) {}

  static byte[] occupancy(OccupancyUpdate update) {
    Occupancy all = update.counts().all();
    OccupancyData data =
        new OccupancyData(
            update.facility().value(),
            all.total(),
            all.free(),
            all.occupied(),
            update.at().truncatedTo(ChronoUnit.MILLIS).toString(),
            Bodies.Facility.featureCounts(update.counts()));
    return frame(Long.toString(update.sequence()), "occupancy", data);
  }

  /** A session event's id says which session and whether it was active or ended then. */
  static byte[] session(ParkingSession session) {
    String id = session.id().value() + (session.isActive() ? ".A" : ".E");
    return frame(id, "session", Bodies.Session.from(session));
  }

  /** The session id in a {@code Last-Event-ID} of the session stream, when it is one of ours. */
  static String sessionIdOf(String lastEventId) {
    int dot = lastEventId.lastIndexOf('.');
    return dot > 0 ? lastEventId.substring(0, dot) : "";
  }

  private static byte[] frame(String id, String event, Object data) {
    try {
      return ("id: "
              + id
              + "\nevent: "
              + event
              + "\ndata: "
              + Json.MAPPER.writeValueAsString(data)
              + "\n\n")
          .getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("an event's data is always JSON", e);
    }
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
