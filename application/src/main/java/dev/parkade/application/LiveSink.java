package dev.parkade.application;

import dev.parkade.domain.ParkingSession;

/**
 * Where the live publisher sends what it finds, on its own thread: the open streams. Each call must
 * return at once (queue, never write to a client).
 */
public interface LiveSink {
  /** A facility's counts changed (or a stream may not have them yet). */
  void occupancy(OccupancyUpdate update);

  /** A session of a user who has a stream here started or ended; it is as it is now. */
  void session(ParkingSession session);

  /** Nothing was sent for a while: let every stream's client know it is still connected. */
  void keepAlive();
}
