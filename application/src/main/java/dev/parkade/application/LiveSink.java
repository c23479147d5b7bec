package dev.parkade.application;

import dev.parkade.domain.FacilityId;
import dev.parkade.domain.ParkingSession;

/**
 * Where the live publisher sends what it finds, on its own thread: the open streams. Each call must
 * return at once (queue, never write to a client).
 */
public interface LiveSink {
  /** A facility's counts changed (or a stream may not have them yet). */
  void occupancy(OccupancyUpdate update);

  /** The facility is gone: no stream is to be told its counts any more. */
  void removed(FacilityId facility);

  /**
   * Session changes were lost: a driver's stream may be behind. Each is to be brought up to date (a
   * stream that ends is reconnected by its client, and gets its snapshot).
   */
  void sessionsLost();

  /** A session of a user who has a stream here started or ended; it is as it is now. */
  void session(ParkingSession session);

  /** Nothing was sent for a while: let every stream's client know it is still connected. */
  void keepAlive();
}
