package dev.parkade.adapters.web;

import dev.parkade.application.ChangeSignals;
import dev.parkade.application.LiveSink;
import dev.parkade.application.OccupancyUpdate;
import dev.parkade.domain.FacilityId;
import dev.parkade.domain.ParkingSession;
import dev.parkade.domain.UserId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The open event streams of this server, and the live publisher's {@link LiveSink}: each event's
 * frame is built once and offered to every stream that wants it (ADR 0016). Joining and fanning out
 * hold one lock, so a joining stream gets its snapshot and then every later event, in order, with
 * none older than its snapshot; offering never blocks, so the lock is never held for a client.
 */
public final class EventStreams implements LiveSink {
  private record Watcher(EventStream stream, Optional<FacilityId> facility) {}

  private final ChangeSignals signals;
  private final Object lock = new Object();
  // guarded by lock
  private final Map<FacilityId, byte[]> latest = new TreeMap<>();
  private final List<Watcher> occupancy = new ArrayList<>();
  private final Map<UserId, List<EventStream>> drivers = new HashMap<>();

  public EventStreams(ChangeSignals signals, ApiMetrics metrics) {
    this.signals = signals;
    metrics.countStreams(this::occupancyStreams, this::sessionStreams);
  }

  /** Sends each facility's latest counts (filtered), then its every change. */
  void joinOccupancy(EventStream stream, Optional<FacilityId> facility) {
    synchronized (lock) {
      occupancy.add(new Watcher(stream, facility));
      stream.offer(EventFrames.RETRY);
      latest.forEach(
          (id, frame) -> {
            if (facility.isEmpty() || facility.get().equals(id)) {
              stream.offer(frame);
            }
          });
    }
    stream.onClose(() -> leaveOccupancy(stream));
  }

  /**
   * Sends the driver's session as {@code snapshot} finds it now (or a comment that there is none),
   * then its every change.
   */
  void joinSessions(EventStream stream, UserId user, Supplier<Optional<ParkingSession>> snapshot) {
    signals.watch(user);
    synchronized (lock) {
      drivers.computeIfAbsent(user, u -> new ArrayList<>()).add(stream);
      stream.offer(EventFrames.RETRY);
      stream.offer(snapshot.get().map(EventFrames::session).orElse(EventFrames.NO_ACTIVE_SESSION));
    }
    stream.onClose(() -> leaveSessions(stream, user));
  }

  private void leaveOccupancy(EventStream stream) {
    synchronized (lock) {
      occupancy.removeIf(w -> w.stream() == stream);
    }
  }

  private void leaveSessions(EventStream stream, UserId user) {
    synchronized (lock) {
      List<EventStream> streams = drivers.get(user);
      if (streams != null && streams.remove(stream) && streams.isEmpty()) {
        drivers.remove(user);
      }
    }
    signals.unwatch(user);
  }

  @Override
  public void occupancy(OccupancyUpdate update) {
    byte[] frame = EventFrames.occupancy(update);
    synchronized (lock) {
      latest.put(update.facility(), frame);
      for (Watcher watcher : List.copyOf(occupancy)) {
        if (watcher.facility().isEmpty() || watcher.facility().get().equals(update.facility())) {
          watcher.stream().offer(frame);
        }
      }
    }
  }

  @Override
  public void session(ParkingSession session) {
    byte[] frame = EventFrames.session(session);
    synchronized (lock) {
      List<EventStream> streams = drivers.get(session.userId());
      if (streams != null) {
        List.copyOf(streams).forEach(s -> s.offer(frame));
      }
    }
  }

  @Override
  public void keepAlive() {
    synchronized (lock) {
      for (Watcher watcher : List.copyOf(occupancy)) {
        watcher.stream().offer(EventFrames.KEEP_ALIVE);
      }
      for (List<EventStream> streams : List.copyOf(drivers.values())) {
        List.copyOf(streams).forEach(s -> s.offer(EventFrames.KEEP_ALIVE));
      }
    }
  }

  /** Closes every stream, as a server that stops does; each client may reconnect. */
  public void closeAll() {
    List<EventStream> all = new ArrayList<>();
    synchronized (lock) {
      occupancy.forEach(w -> all.add(w.stream()));
      drivers.values().forEach(all::addAll);
    }
    all.forEach(EventStream::close);
  }

  int occupancyStreams() {
    synchronized (lock) {
      return occupancy.size();
    }
  }

  int sessionStreams() {
    synchronized (lock) {
      return drivers.values().stream().mapToInt(List::size).sum();
    }
  }
}
