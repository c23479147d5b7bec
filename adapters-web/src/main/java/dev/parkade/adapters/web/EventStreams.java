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
    List<EventStream> behind = new ArrayList<>();
    synchronized (lock) {
      occupancy.add(new Watcher(stream, facility));
      offer(stream, EventFrames.RETRY, behind);
      latest.forEach(
          (id, frame) -> {
            if (facility.isEmpty() || facility.get().equals(id)) {
              offer(stream, frame, behind);
            }
          });
    }
    stream.onClose(() -> leaveOccupancy(stream));
    behind.forEach(EventStream::drop);
  }

  /** Offers a frame; a stream whose client fell behind is noted, to be dropped after the lock. */
  private static void offer(EventStream stream, byte[] frame, List<EventStream> behind) {
    if (!stream.offer(frame) && stream.isOpen()) {
      behind.add(stream);
    }
  }

  /**
   * Sends the driver's session as {@code snapshot} finds it now (or a comment that there is none),
   * then its every change.
   */
  void joinSessions(EventStream stream, UserId user, Supplier<Optional<ParkingSession>> snapshot) {
    signals.watch(user);
    List<EventStream> behind = new ArrayList<>();
    synchronized (lock) {
      drivers.computeIfAbsent(user, u -> new ArrayList<>()).add(stream);
      offer(stream, EventFrames.RETRY, behind);
      offer(
          stream,
          snapshot.get().map(EventFrames::session).orElse(EventFrames.NO_ACTIVE_SESSION),
          behind);
    }
    stream.onClose(() -> leaveSessions(stream, user));
    behind.forEach(EventStream::drop);
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
    List<EventStream> behind = new ArrayList<>();
    synchronized (lock) {
      latest.put(update.facility(), frame);
      for (Watcher watcher : occupancy) {
        if (watcher.facility().isEmpty() || watcher.facility().get().equals(update.facility())) {
          offer(watcher.stream(), frame, behind);
        }
      }
    }
    behind.forEach(EventStream::drop);
  }

  @Override
  public void removed(FacilityId facility) {
    synchronized (lock) {
      latest.remove(facility);
    }
  }

  @Override
  public void session(ParkingSession session) {
    byte[] frame = EventFrames.session(session);
    List<EventStream> behind = new ArrayList<>();
    synchronized (lock) {
      for (EventStream stream : drivers.getOrDefault(session.userId(), List.of())) {
        offer(stream, frame, behind);
      }
    }
    behind.forEach(EventStream::drop);
  }

  /** Ends every driver's stream: each client reconnects and gets its session as it is now. */
  @Override
  public void sessionsLost() {
    List<EventStream> all = new ArrayList<>();
    synchronized (lock) {
      drivers.values().forEach(all::addAll);
    }
    all.forEach(EventStream::close);
  }

  @Override
  public void keepAlive() {
    List<EventStream> behind = new ArrayList<>();
    synchronized (lock) {
      for (Watcher watcher : occupancy) {
        offer(watcher.stream(), EventFrames.KEEP_ALIVE, behind);
      }
      for (List<EventStream> streams : drivers.values()) {
        streams.forEach(s -> offer(s, EventFrames.KEEP_ALIVE, behind));
      }
    }
    behind.forEach(EventStream::drop);
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
