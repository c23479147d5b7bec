package dev.parkade.adapters.jdbc;

import dev.parkade.adapters.jdbc.KeyRows.Kind;
import dev.parkade.adapters.jdbc.KeyRows.Prior;
import dev.parkade.adapters.jdbc.KeyRows.PriorOrLock;
import dev.parkade.domain.ParkingFailure;
import dev.parkade.domain.ParkingSession;
import dev.parkade.domain.SpotFeatures;
import dev.parkade.domain.SpotId;
import dev.parkade.domain.StartRefusal;
import dev.parkade.domain.StorageUnavailableException;
import dev.parkade.domain.port.KeyedAnswer;
import dev.parkade.domain.port.KeyedRequest;
import dev.parkade.domain.port.NewSession;
import dev.parkade.domain.port.WriteOutcome;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jspecify.annotations.Nullable;

/**
 * Keyed starts and ends on PostgreSQL, each one statement ({@link PostgresSql#keyedStart}, {@link
 * PostgresSql#keyedEnd}), atomic on its own as the unkeyed one is: the key's row, its lock, the
 * change, the counts and the key's new row commit together or not at all, and the lock goes with
 * the statement.
 *
 * <p>A refusal changes nothing, so it is recorded by one more statement, unless a racer wrote the
 * key in between, whose outcome then answers. An expired key is deleted and the statement runs
 * again. A unique violation (the key, the user or the plate) means a racer committed after this
 * statement's snapshot; the statement rolled back whole and runs again, seeing the winner.
 */
final class PostgresKeyedWrites {
  private static final int ATTEMPTS = 3;

  /**
   * What one keyed statement found and did.
   *
   * @param changed the start or the end it made, if it made one
   * @param refusal why it changed nothing, asked only when the key was this statement's own
   */
  private record Ran(
      PriorOrLock key, @Nullable WriteOutcome changed, Function<Handle, ParkingFailure> refusal) {}

  private record StartRow(
      @Nullable String spot,
      int features,
      boolean userBusy,
      boolean plateBusy,
      boolean facilityMissing,
      PriorOrLock key) {}

  private final Statements statements;
  private final Duration ttl;

  PostgresKeyedWrites(Statements statements, Duration ttl) {
    this.statements = statements;
    this.ttl = ttl;
  }

  KeyedAnswer start(KeyedRequest request, NewSession session) {
    return keyed(request, Kind.START, h -> started(h, request, session));
  }

  KeyedAnswer end(KeyedRequest request, ActiveSessionKey session) {
    return keyed(request, Kind.END, h -> ended(h, request, session));
  }

  private Ran started(Handle h, KeyedRequest request, NewSession session) {
    StartRow row =
        KeyRows.bindKeyed(
                SessionRows.bindRequest(
                    h.createQuery(PostgresSql.keyedStart(session.needs())), session),
                request)
            .map(
                (rs, ctx) ->
                    new StartRow(
                        rs.getString("spot"),
                        rs.getInt("features"),
                        rs.getBoolean("user_busy"),
                        rs.getBoolean("plate_busy"),
                        rs.getBoolean("facility_missing"),
                        KeyRows.priorOrLock(rs, ctx)))
            .one();
    String spot = row.spot();
    WriteOutcome started =
        spot == null
            ? null
            : new WriteOutcome.Started(
                session.startedOn(new SpotId(spot), SpotFeatures.ofMask(row.features())));
    return new Ran(
        row.key(),
        started,
        unused ->
            StartRefusal.of(row.userBusy(), row.plateBusy(), row.facilityMissing(), true)
                .orElseThrow(() -> new IllegalStateException("a start that claimed no spot")));
  }

  private Ran ended(Handle h, KeyedRequest request, ActiveSessionKey session) {
    if (session.owner().isPresent()) {
      // A keyed end checks who may end it before it runs (KeyedParking); none is written for this.
      throw new IllegalArgumentException("no keyed end statement checks an owner");
    }
    String end =
        PostgresSql.keyedEnd(session.column())
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "no end statement for column " + session.column()));
    record EndRow(Optional<ParkingSession> ended, PriorOrLock key) {}
    EndRow row =
        session
            .bind(KeyRows.bindKeyed(h.createQuery(end), request))
            .bind("endedAt", SessionRows.timestamp(request.at()))
            .map(
                (rs, ctx) ->
                    new EndRow(
                        rs.getString("id") == null
                            ? Optional.empty()
                            : Optional.of(SessionRows.endedSession(rs, ctx)),
                        KeyRows.priorOrLock(rs, ctx)))
            .one();
    return new Ran(
        row.key(),
        row.ended().map(WriteOutcome.Ended::new).orElse(null),
        after -> JdbcSessionStore.whyNotEnded(after, session));
  }

  private KeyedAnswer keyed(KeyedRequest request, Kind kind, Function<Handle, Ran> statement) {
    for (int attempt = 1; ; ) {
      try {
        Optional<KeyedAnswer> answer =
            statements.withoutTransaction(h -> once(h, request, kind, statement));
        if (answer.isPresent()) {
          return answer.get();
        }
      } catch (SqlFaults.DuplicateKey lostRace) {
        if (++attempt > ATTEMPTS) {
          throw new StorageUnavailableException(
              "keyed write kept losing races: " + request.key(), lostRace);
        }
      }
    }
  }

  /** The answer, or empty when the statement must run again (an expired key was deleted). */
  private Optional<KeyedAnswer> once(
      Handle h, KeyedRequest request, Kind kind, Function<Handle, Ran> statement) {
    Ran ran = statement.apply(h);
    Optional<Prior> prior = ran.key().prior();
    if (prior.isPresent()) {
      if (!prior.get().expiredAt(request.at(), ttl)) {
        return Optional.of(KeyRows.replay(h, request, kind, prior.get()));
      }
      KeyRows.deleteExpired(h, request, prior.get());
      return Optional.empty();
    }
    if (!ran.key().got()) {
      return Optional.of(new KeyedAnswer.InProgress());
    }
    WriteOutcome changed = ran.changed();
    if (changed != null) {
      return Optional.of(new KeyedAnswer.Fresh(changed));
    }
    ParkingFailure refusal = ran.refusal().apply(h);
    if (KeyRows.insertRefusalIfAbsent(h, request, refusal)) {
      return Optional.of(new KeyedAnswer.Fresh(new WriteOutcome.Refused(refusal)));
    }
    return KeyRows.prior(h, request)
        .filter(written -> !written.expiredAt(request.at(), ttl))
        .map(written -> KeyRows.replay(h, request, kind, written));
  }
}
