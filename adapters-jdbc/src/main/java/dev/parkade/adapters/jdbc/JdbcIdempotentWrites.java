package dev.parkade.adapters.jdbc;

import static dev.parkade.domain.ParkingFailure.FACILITY_EXISTS;

import dev.parkade.adapters.jdbc.KeyRows.Kind;
import dev.parkade.domain.Facility;
import dev.parkade.domain.FacilityId;
import dev.parkade.domain.ParkingException;
import dev.parkade.domain.ParkingFailure;
import dev.parkade.domain.SessionId;
import dev.parkade.domain.SpotFeatures;
import dev.parkade.domain.SpotId;
import dev.parkade.domain.StorageUnavailableException;
import dev.parkade.domain.UserId;
import dev.parkade.domain.port.IdempotentWrites;
import dev.parkade.domain.port.KeyedAnswer;
import dev.parkade.domain.port.KeyedRequest;
import dev.parkade.domain.port.NewSession;
import dev.parkade.domain.port.WriteOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jdbi.v3.core.Handle;
import org.jspecify.annotations.Nullable;

/**
 * The keyed writes of {@link JdbcParkingLot}, over its state (ADR 0015). A keyed write is one
 * transaction: it reads the key's row, runs the same change as the unkeyed write on the same
 * handle, and inserts the key's row before the commit, so the change and its key are committed
 * together or not at all. A refusal changes nothing, so it is recorded in that transaction too.
 *
 * <p>While a key has no row, a write under it first claims it: on PostgreSQL the key's advisory
 * lock, taken without waiting and released by the commit or by the backend's death, so it holds
 * across processes; on H2, which serves one process and has no advisory lock, a claim in this
 * process held across the transaction. A claim not got answers {@link KeyedAnswer.InProgress} at
 * once. A racer that read before a winner's commit and claimed after it meets the primary key (or
 * the user's or plate's) at its insert; its transaction rolls back whole and runs again, and then
 * sees the winner's row.
 *
 * <p>PostgreSQL's starts and ends are the exception: like the unkeyed ones, each is one statement
 * ({@link PostgresKeyedWrites}), with the key's row, lock and insert inside it.
 */
public final class JdbcIdempotentWrites implements IdempotentWrites {
  private static final int ATTEMPTS = 3;

  /** The change itself, in the keyed write's transaction; a refusal is thrown. */
  @FunctionalInterface
  private interface Change {
    WriteOutcome run(Handle h);
  }

  private final Statements statements;
  private final SessionWrites writes;
  private final boolean postgres;
  private final Set<KeyRows.KeyId> claimed;
  private final Duration ttl;
  private final @Nullable PostgresKeyedWrites postgresWrites;

  /**
   * @param claimed the keys this process has claimed, shared by every keyed write of one lot
   */
  JdbcIdempotentWrites(Statements statements, Set<KeyRows.KeyId> claimed, Duration ttl) {
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("the keys' lifetime must be positive, was " + ttl);
    }
    this.statements = statements;
    this.writes = statements.writes();
    this.postgres = writes instanceof PostgresWrites;
    this.claimed = claimed;
    this.ttl = ttl;
    this.postgresWrites = postgres ? new PostgresKeyedWrites(statements, ttl) : null;
  }

  @Override
  public KeyedAnswer start(KeyedRequest request, NewSession session) {
    if (postgresWrites != null) {
      return postgresWrites.start(request, session);
    }
    return keyed(request, Kind.START, h -> new WriteOutcome.Started(writes.start(h, session)));
  }

  @Override
  public KeyedAnswer end(KeyedRequest request, SessionId id) {
    if (postgresWrites != null) {
      return postgresWrites.end(request, ActiveSessionKey.of(id));
    }
    return keyed(
        request,
        Kind.END,
        h -> new WriteOutcome.Ended(JdbcSessionStore.end(h, writes, id, request.at())));
  }

  @Override
  public KeyedAnswer endActiveSessionOf(KeyedRequest request, UserId user) {
    if (postgresWrites != null) {
      return postgresWrites.end(request, ActiveSessionKey.of(user));
    }
    return keyed(
        request,
        Kind.END,
        h ->
            new WriteOutcome.Ended(
                JdbcSessionStore.endActiveSessionOf(h, writes, user, request.at())));
  }

  @Override
  public KeyedAnswer add(
      KeyedRequest request, FacilityId facility, SpotFeatures features, List<SpotId> ids) {
    return keyed(
        request,
        Kind.DONE,
        h -> {
          JdbcSpotInventory.add(h, writes.counter(), facility, features, ids);
          return new WriteOutcome.Done();
        });
  }

  @Override
  public KeyedAnswer remove(KeyedRequest request, SpotId id) {
    return keyed(
        request,
        Kind.DONE,
        h -> {
          JdbcSpotInventory.remove(h, writes.counter(), id);
          return new WriteOutcome.Done();
        });
  }

  /**
   * Looks for the facility first: a duplicate insert would abort a PostgreSQL transaction, where
   * the refusal must still be recorded.
   */
  @Override
  public KeyedAnswer create(KeyedRequest request, Facility facility) {
    return keyed(
        request,
        Kind.DONE,
        h -> {
          if (Statements.exists(h, SharedSql.FACILITY_BY_ID, facility.id().value())) {
            throw FACILITY_EXISTS.exception();
          }
          JdbcFacilityCatalogue.insert(h, facility);
          return new WriteOutcome.Done();
        });
  }

  @Override
  public KeyedAnswer delete(KeyedRequest request, FacilityId id) {
    return keyed(
        request,
        Kind.DONE,
        h -> {
          JdbcFacilityCatalogue.delete(h, id);
          return new WriteOutcome.Done();
        });
  }

  /** The one caller is an end by id, so a stored success under the key replays as an end. */
  @Override
  public KeyedAnswer refuse(KeyedRequest request, ParkingFailure failure) {
    Objects.requireNonNull(failure, "failure");
    return keyed(
        request,
        Kind.REFUSAL,
        h -> {
          throw failure.exception();
        });
  }

  @Override
  public int purgeExpired(Instant now, int max) {
    if (max < 1) {
      return 0;
    }
    String purge = postgres ? KeyRows.PURGE_POSTGRES : KeyRows.PURGE_H2;
    return statements.withoutTransaction(
        h ->
            h.createUpdate(purge)
                .bind("cutoff", SessionRows.timestamp(now.minus(ttl)))
                .bind("max", max)
                .execute());
  }

  private KeyedAnswer keyed(KeyedRequest request, Kind kind, Change change) {
    for (int attempt = 1; ; attempt++) {
      try {
        return attempt(request, kind, change);
      } catch (SqlFaults.DuplicateKey lostRace) {
        // A racer committed the key, the user or the plate after this transaction's reads.
        if (attempt >= ATTEMPTS) {
          throw new StorageUnavailableException(
              "keyed write kept losing races: " + request.key(), lostRace);
        }
      }
    }
  }

  private KeyedAnswer attempt(KeyedRequest request, Kind kind, Change change) {
    KeyRows.KeyId id = KeyRows.KeyId.of(request);
    AtomicBoolean mine = new AtomicBoolean();
    try {
      return statements.transaction(h -> once(h, request, kind, change, id, mine));
    } finally {
      // Only after the commit or the rollback: until then a racer must find the key in progress.
      if (mine.get()) {
        claimed.remove(id);
      }
    }
  }

  private KeyedAnswer once(
      Handle h,
      KeyedRequest request,
      Kind kind,
      Change change,
      KeyRows.KeyId id,
      AtomicBoolean mine) {
    boolean got = false;
    Optional<KeyRows.Prior> prior;
    if (postgres) {
      KeyRows.PriorOrLock found = KeyRows.priorOrLock(h, request);
      prior = found.prior();
      got = found.got();
    } else {
      prior = KeyRows.prior(h, request);
    }
    if (prior.isPresent() && !prior.get().expiredAt(request.at(), ttl)) {
      return KeyRows.replay(h, request, kind, prior.get());
    }
    boolean lockTried = postgres && prior.isEmpty();
    if (!(lockTried ? got : claim(h, request, id, mine))) {
      return new KeyedAnswer.InProgress();
    }
    if (!postgres) {
      // A racer may have committed and let go of its claim between the read and ours.
      prior = KeyRows.prior(h, request);
      if (prior.isPresent() && !prior.get().expiredAt(request.at(), ttl)) {
        return KeyRows.replay(h, request, kind, prior.get());
      }
    }
    prior.ifPresent(expired -> KeyRows.deleteExpired(h, request, expired));
    WriteOutcome outcome;
    try {
      outcome = change.run(h);
    } catch (ParkingException refused) {
      outcome = new WriteOutcome.Refused(refused.failure());
    }
    KeyRows.insert(h, request, outcome);
    return new KeyedAnswer.Fresh(outcome);
  }

  /** A transient fault reruns the transaction with the claim already this write's own. */
  private boolean claim(Handle h, KeyedRequest request, KeyRows.KeyId id, AtomicBoolean mine) {
    if (postgres) {
      return KeyRows.tryLock(h, request);
    }
    if (mine.get() || claimed.add(id)) {
      mine.set(true);
      return true;
    }
    return false;
  }
}
