package dev.parkade.application;

import dev.parkade.domain.FacilityId;
import dev.parkade.domain.ParkingException;
import dev.parkade.domain.ParkingFailure;
import dev.parkade.domain.port.ChangeRelay;
import dev.parkade.domain.port.Changes;
import dev.parkade.domain.port.FacilityCounts;
import dev.parkade.domain.port.Occupancy;
import dev.parkade.domain.port.SessionChange;
import dev.parkade.domain.port.SessionStore;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Turns the writes' {@link ChangeSignals} into live events, one {@link #tick} every {@link
 * Timing#tick()} on a thread that the server runs (ADR 0016). For each facility signalled it reads
 * the counts itself (exact, and constant-time in memory) and sends them when they differ from the
 * last sent and the last was sent at least a tick ago: a burst of changes becomes one event
 * carrying the final counts. For each session signalled whose driver has a stream here, it reads
 * the session as it is now. It sends this process's changes to the others sharing the storage
 * through the {@link ChangeRelay}, and takes theirs from it. Every facility is read again now and
 * then ({@link Timing#reconcile()}), so that a change whose signal was lost (a process that died
 * before relaying it) shows within that time.
 */
public final class LivePublisher implements AutoCloseable {
  /** How often the publisher looks, how often it writes a keep-alive, how often it reads all. */
  public record Timing(Duration tick, Duration keepAlive, Duration reconcile) {
    public static final Timing DEFAULT =
        new Timing(Duration.ofMillis(250), Duration.ofSeconds(15), Duration.ofSeconds(5));

    public Timing {
      Objects.requireNonNull(tick, "tick");
      Objects.requireNonNull(keepAlive, "keepAlive");
      Objects.requireNonNull(reconcile, "reconcile");
    }
  }

  private final ParkingService service;
  private final SessionStore sessions;
  private final ChangeSignals local;
  private final ChangeSignals remote;
  private final ChangeRelay relay;
  private final OccupancyHistory history;
  private final LiveSink sink;
  private final Timing timing;

  private final Map<FacilityId, FacilityCounts> lastSent = new HashMap<>();
  private final Map<FacilityId, Instant> lastSentAt = new HashMap<>();
  private final Set<FacilityId> pending = new HashSet<>();
  private long sequence;
  private boolean owed;
  private Instant lastKeepAlive = Instant.EPOCH;
  private Instant lastReconcile = Instant.EPOCH;
  private long lastSampleSlot = -1;

  public LivePublisher(
      ParkingService service,
      SessionStore sessions,
      ChangeSignals signals,
      ChangeRelay relay,
      OccupancyHistory history,
      LiveSink sink,
      Timing timing) {
    this.service = Objects.requireNonNull(service, "service");
    this.sessions = Objects.requireNonNull(sessions, "sessions");
    this.local = Objects.requireNonNull(signals, "signals");
    this.remote = new ChangeSignals(false);
    this.relay = Objects.requireNonNull(relay, "relay");
    this.history = Objects.requireNonNull(history, "history");
    this.sink = Objects.requireNonNull(sink, "sink");
    this.timing = Objects.requireNonNull(timing, "timing");
  }

  public Timing timing() {
    return timing;
  }

  /** Starts taking the other processes' changes from the relay, for the next ticks. */
  public void listen() {
    relay.listen(this::fromOthers);
  }

  /** Stops listening to the other processes. */
  @Override
  public void close() {
    relay.close();
  }

  /**
   * Ticks that failed (storage not answering) are followed by a tick that reads every facility
   * again: called by whoever runs the ticks, after a failure.
   */
  public void failed() {
    local.sessionsLost();
  }

  /** Marks what another process changed, for the next tick; called on the relay's thread. */
  private void fromOthers(Changes changes) {
    changes.facilities().forEach(remote::facilityChanged);
    if (changes.sessionsLost()) {
      remote.sessionsLost();
    } else if (changes.resync()) {
      remote.everythingChanged();
    }
    for (SessionChange change : changes.sessions()) {
      remote.sessionChanged(change, local::isWatched);
    }
  }

  /** One look: what changed, what to send. One caller at a time: the live thread, or a test. */
  public void tick(Instant now) {
    Changes mine = local.drain();
    Changes theirs = remote.drain();
    boolean everything =
        mine.resync() || theirs.resync() || !now.isBefore(lastReconcile.plus(timing.reconcile()));
    Map<FacilityId, FacilityCounts> read = Map.of();
    if (everything) {
      lastReconcile = now;
      read = readAll();
    } else {
      pending.addAll(mine.facilities());
      pending.addAll(theirs.facilities());
    }
    sendDue(now, read);
    Set<SessionChange> changed = new LinkedHashSet<>(mine.sessions());
    changed.addAll(theirs.sessions());
    if (mine.sessionsLost() || theirs.sessionsLost()) {
      sink.sessionsLost();
    }
    for (SessionChange change : changed) {
      if (local.isWatched(change.user())) {
        sessions.find(change.session()).ifPresent(sink::session);
      }
    }
    sample(now);
    if (!now.isBefore(lastKeepAlive.plus(timing.keepAlive()))) {
      lastKeepAlive = now;
      sink.keepAlive();
    }
    relay(mine);
  }

  /**
   * Sends this process's changes to the others, last, so that a failure here costs this process's
   * own streams nothing. What could not be sent is owed: the next send tells the others that they
   * lost changes.
   */
  private void relay(Changes mine) {
    if (!relay.isShared() || (mine.isEmpty() && !owed)) {
      return;
    }
    Changes sent = owed ? new Changes(mine.facilities(), mine.sessions(), true, true) : mine;
    owed = true;
    relay.send(sent);
    owed = false;
  }

  /**
   * Every facility is pending; one that is gone is forgotten. Returns the counts read, so that this
   * tick sends them without reading each facility a second time.
   */
  private Map<FacilityId, FacilityCounts> readAll() {
    Map<FacilityId, FacilityCounts> present = new HashMap<>();
    for (FacilityStatus status : service.facilities()) {
      present.put(status.facility().id(), status.counts());
    }
    for (FacilityId gone : Set.copyOf(lastSent.keySet())) {
      if (!present.containsKey(gone)) {
        forget(gone);
      }
    }
    pending.retainAll(present.keySet());
    pending.addAll(present.keySet());
    return present;
  }

  /** Sends what is pending and due, taking the counts from {@code read} where it has them. */
  private void sendDue(Instant now, Map<FacilityId, FacilityCounts> read) {
    var due = pending.iterator();
    while (due.hasNext()) {
      FacilityId facility = due.next();
      Instant last = lastSentAt.get(facility);
      if (last != null && now.isBefore(last.plus(timing.tick()))) {
        continue; // sent within the last tick: wait, and send the latest then
      }
      due.remove();
      FacilityCounts counts = read.get(facility);
      try {
        if (counts == null) {
          counts = service.facility(facility).counts();
        }
      } catch (ParkingException e) {
        if (e.failure() != ParkingFailure.FACILITY_NOT_FOUND) {
          throw e;
        }
        forget(facility);
        continue;
      }
      if (!Objects.equals(counts, lastSent.get(facility))) {
        lastSent.put(facility, counts);
        lastSentAt.put(facility, now);
        sink.occupancy(new OccupancyUpdate(++sequence, counts, now));
      }
    }
  }

  private void forget(FacilityId facility) {
    lastSent.remove(facility);
    lastSentAt.remove(facility);
    sink.removed(facility);
  }

  /** At each history interval, the counts last sent of every facility. */
  private void sample(Instant now) {
    long slot = now.getEpochSecond() / OccupancyHistory.INTERVAL.toSeconds();
    if (slot == lastSampleSlot) {
      return;
    }
    lastSampleSlot = slot;
    Map<FacilityId, Occupancy> counts = new HashMap<>();
    lastSent.forEach((facility, c) -> counts.put(facility, c.all()));
    history.record(now, counts);
  }
}
