package dev.parkade.adapters.jdbc;

import dev.parkade.adapters.jdbc.KeyRows.Kind;
import dev.parkade.adapters.jdbc.KeyRows.Prior;
import dev.parkade.adapters.jdbc.KeyRows.PriorOrLock;
import dev.parkade.domain.ParkingFailure;
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
import org.jdbi.v3.core.Handle;
import org.jspecify.annotations.Nullable;

/**
 * A keyed start on PostgreSQL as one statement ({@link PostgresSql#keyedStart}), atomic on its own
 * as the unkeyed start is: the key's row, its lock, the claim, the session, the counts and the
 * key's new row commit together or not at all, and the lock goes with the statement.
 *
 * <p>A refusal changes nothing, so it is recorded by one more statement, unless a racer wrote the
 * key in between, whose outcome then answers. An expired key is deleted and the statement runs
 * again. A unique violation (the key, the user or the plate) means a racer committed after this
 * statement's snapshot; the statement rolled back whole and runs again, seeing the winner.
 */
final class PostgresKeyedStart {
  private static final int ATTEMPTS = 3;

  private record Row(
      @Nullable String spot,
      int features,
      boolean userBusy,
      boolean plateBusy,
      boolean facilityMissing,
      PriorOrLock key) {}

  private final Statements statements;
  private final Duration ttl;

  PostgresKeyedStart(Statements statements, Duration ttl) {
    this.statements = statements;
    this.ttl = ttl;
  }

  KeyedAnswer start(KeyedRequest request, NewSession session) {
    for (int attempt = 1; ; ) {
      try {
        Optional<KeyedAnswer> answer =
            statements.withoutTransaction(h -> once(h, request, session));
        if (answer.isPresent()) {
          return answer.get();
        }
      } catch (SqlFaults.DuplicateKey lostRace) {
        if (++attempt > ATTEMPTS) {
          throw new StorageUnavailableException(
              "keyed start kept losing races: " + request.key(), lostRace);
        }
      }
    }
  }

  /** The answer, or empty when the statement must run again (an expired key was deleted). */
  private Optional<KeyedAnswer> once(Handle h, KeyedRequest request, NewSession session) {
    Row row =
        KeyRows.bindKeyed(
                SessionRows.bindRequest(
                    h.createQuery(PostgresSql.keyedStart(session.needs())), session),
                request)
            .map(
                (rs, ctx) ->
                    new Row(
                        rs.getString("spot"),
                        rs.getInt("features"),
                        rs.getBoolean("user_busy"),
                        rs.getBoolean("plate_busy"),
                        rs.getBoolean("facility_missing"),
                        KeyRows.priorOrLock(rs, ctx)))
            .one();
    Optional<Prior> prior = row.key().prior();
    if (prior.isPresent()) {
      if (!prior.get().expiredAt(request.at(), ttl)) {
        return Optional.of(KeyRows.replay(h, request, Kind.START, prior.get()));
      }
      KeyRows.deleteExpired(h, request, prior.get());
      return Optional.empty();
    }
    if (!row.key().got()) {
      return Optional.of(new KeyedAnswer.InProgress());
    }
    String spot = row.spot();
    if (spot != null) {
      return Optional.of(
          new KeyedAnswer.Fresh(
              new WriteOutcome.Started(
                  session.startedOn(new SpotId(spot), SpotFeatures.ofMask(row.features())))));
    }
    ParkingFailure refusal =
        StartRefusal.of(row.userBusy(), row.plateBusy(), row.facilityMissing(), true)
            .orElseThrow(() -> new IllegalStateException("a start that claimed no spot"));
    if (KeyRows.insertRefusalIfAbsent(h, request, refusal)) {
      return Optional.of(new KeyedAnswer.Fresh(new WriteOutcome.Refused(refusal)));
    }
    return KeyRows.prior(h, request)
        .filter(written -> !written.expiredAt(request.at(), ttl))
        .map(written -> KeyRows.replay(h, request, Kind.START, written));
  }
}
