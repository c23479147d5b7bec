package dev.parkade.application;

import static dev.parkade.domain.ParkingFailure.SESSION_NOT_FOUND;

import dev.parkade.domain.Facility;
import dev.parkade.domain.FacilityId;
import dev.parkade.domain.Fingerprint;
import dev.parkade.domain.IdempotencyKey;
import dev.parkade.domain.ParkingSession;
import dev.parkade.domain.SessionId;
import dev.parkade.domain.SpotFeatures;
import dev.parkade.domain.SpotId;
import dev.parkade.domain.UserId;
import dev.parkade.domain.port.FacilityCounts;
import dev.parkade.domain.port.IdempotentWrites;
import dev.parkade.domain.port.KeyedAnswer;
import dev.parkade.domain.port.KeyedRequest;
import dev.parkade.domain.port.NewSession;
import dev.parkade.domain.port.SessionStore;
import dev.parkade.domain.port.WriteOutcome;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The writes of {@link ParkingService} sent with an {@code Idempotency-Key}: the same checks and
 * the same time (in {@link WriteRules}), then one call to {@link IdempotentWrites}, which runs the
 * change with its key or gives what the key holds. Invalid input is refused before the key is
 * looked at, so it is never stored. Each answers {@link Answered} (a value or a refusal, fresh or
 * replayed) and throws an {@link IdempotencyException} when the key is in progress or reused.
 */
public final class KeyedParking {
  private final IdempotentWrites writes;
  private final WriteRules rules;
  private final SessionIdGenerator ids;
  private final ChangeSignals signals;

  public KeyedParking(
      IdempotentWrites writes, SessionStore sessions, Clock clock, SessionIdGenerator ids) {
    this(writes, sessions, clock, ids, new ChangeSignals());
  }

  /**
   * @param signals where each change is signalled once made (a replay changed nothing), for the
   *     live events
   */
  public KeyedParking(
      IdempotentWrites writes,
      SessionStore sessions,
      Clock clock,
      SessionIdGenerator ids,
      ChangeSignals signals) {
    this.signals = Objects.requireNonNull(signals, "signals");
    this.writes = Objects.requireNonNull(writes, "writes");
    this.rules = new WriteRules(sessions, clock);
    this.ids = Objects.requireNonNull(ids, "ids");
  }

  /** A write of {@code caller}'s under {@code key}, at the service's now. */
  public KeyedRequest request(UserId caller, IdempotencyKey key, Fingerprint fingerprint) {
    return new KeyedRequest(caller, key, fingerprint, rules.now());
  }

  /** {@link ParkingService#startSession}, at {@code k.at()}; the replay is the session at start. */
  public Answered<ParkingSession> startSession(KeyedRequest k, StartSession command) {
    if (!command.user().equals(k.caller())) {
      throw new IllegalArgumentException("a driver starts their own session under their own key");
    }
    NewSession session =
        new NewSession(
            ids.next(),
            command.user(),
            command.plate(),
            k.at(),
            command.facility(),
            command.needs());
    return answered(writes.start(k, session), KeyedParking::started);
  }

  /** {@link ParkingService#endCurrentSession} of the key's caller, at {@code k.at()}. */
  public Answered<ParkingSession> endCurrentSession(KeyedRequest k) {
    return answered(writes.endActiveSessionOf(k, k.caller()), KeyedParking::ended);
  }

  /**
   * {@link ParkingService#endSession}, at {@code k.at()}. A session the caller may not see is
   * refused with {@code SESSION_NOT_FOUND}, and that refusal is stored under the key too.
   */
  public Answered<ParkingSession> endSession(KeyedRequest k, Caller caller, SessionId id) {
    KeyedAnswer answer =
        rules.visible(caller, id).isPresent()
            ? writes.end(k, id)
            : writes.refuse(k, SESSION_NOT_FOUND);
    return answered(answer, KeyedParking::ended);
  }

  /** {@link ParkingService#addSpots}: the value is the ids added, in the request's order. */
  public Answered<List<SpotId>> addSpots(
      KeyedRequest k, FacilityId facility, SpotFeatures features, List<SpotId> spots) {
    WriteRules.requireSpotIds(spots);
    List<SpotId> added = List.copyOf(spots);
    return answered(writes.add(k, facility, features, added), done(added));
  }

  /** {@link ParkingService#removeSpot}: the value is the id removed. */
  public Answered<SpotId> removeSpot(KeyedRequest k, SpotId id) {
    return answered(writes.remove(k, id), done(id));
  }

  /** {@link ParkingService#createFacility}: the value is the new facility, with no spots. */
  public Answered<FacilityStatus> createFacility(KeyedRequest k, Facility facility) {
    FacilityStatus created = new FacilityStatus(facility, FacilityCounts.empty(facility.id()));
    return answered(writes.create(k, facility), done(created));
  }

  /** {@link ParkingService#deleteFacility}: the value is the id deleted. */
  public Answered<FacilityId> deleteFacility(KeyedRequest k, FacilityId id) {
    WriteRules.requireDeletable(id);
    return answered(writes.delete(k, id), done(id));
  }

  private <T> Answered<T> answered(KeyedAnswer answer, Function<WriteOutcome, T> value) {
    WriteOutcome outcome;
    boolean replayed;
    if (answer instanceof KeyedAnswer.Fresh fresh) {
      outcome = fresh.outcome();
      replayed = false;
      signal(outcome);
    } else if (answer instanceof KeyedAnswer.Replayed stored) {
      outcome = stored.outcome();
      replayed = true;
    } else if (answer instanceof KeyedAnswer.InProgress) {
      throw new IdempotencyException(IdempotencyFailure.IN_PROGRESS);
    } else {
      throw new IdempotencyException(IdempotencyFailure.REUSED);
    }
    if (outcome instanceof WriteOutcome.Refused refused) {
      return Answered.refused(refused.failure(), replayed);
    }
    return Answered.of(value.apply(outcome), replayed);
  }

  private void signal(WriteOutcome outcome) {
    if (outcome instanceof WriteOutcome.Started started) {
      signals.sessionChanged(started.session());
    } else if (outcome instanceof WriteOutcome.Ended ended) {
      signals.sessionChanged(ended.session());
    } else if (outcome instanceof WriteOutcome.Done) {
      signals.everythingChanged(); // spots or facilities: rare, and their facility is not at hand
    }
  }

  private static ParkingSession started(WriteOutcome outcome) {
    if (outcome instanceof WriteOutcome.Started started) {
      return started.session();
    }
    throw unexpected(outcome);
  }

  private static ParkingSession ended(WriteOutcome outcome) {
    if (outcome instanceof WriteOutcome.Ended ended) {
      return ended.session();
    }
    throw unexpected(outcome);
  }

  private static <T> Function<WriteOutcome, T> done(T value) {
    return outcome -> {
      if (outcome instanceof WriteOutcome.Done) {
        return value;
      }
      throw unexpected(outcome);
    };
  }

  /** Storage gave an outcome of another kind of write under this key: a storage bug. */
  private static IllegalStateException unexpected(WriteOutcome outcome) {
    return new IllegalStateException("storage answered " + outcome + " to another kind of write");
  }
}
