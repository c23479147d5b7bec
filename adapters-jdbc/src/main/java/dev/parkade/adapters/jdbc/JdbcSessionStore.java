package dev.parkade.adapters.jdbc;

import static dev.parkade.domain.ParkingFailure.NO_ACTIVE_SESSION;
import static dev.parkade.domain.ParkingFailure.SESSION_ALREADY_ENDED;
import static dev.parkade.domain.ParkingFailure.SESSION_NOT_FOUND;

import dev.parkade.domain.ParkingFailure;
import dev.parkade.domain.ParkingSession;
import dev.parkade.domain.SessionId;
import dev.parkade.domain.SpotId;
import dev.parkade.domain.StorageUnavailableException;
import dev.parkade.domain.UserId;
import dev.parkade.domain.port.EndedSessionKey;
import dev.parkade.domain.port.NewSession;
import dev.parkade.domain.port.SessionStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/** The sessions of {@link JdbcParkingLot}: starts and ends as the database's writes make them. */
final class JdbcSessionStore implements SessionStore {
  private static final int START_ATTEMPTS = 3;

  private final Statements statements;
  private final SessionWrites writes;

  JdbcSessionStore(Statements statements) {
    this.statements = statements;
    this.writes = statements.writes();
  }

  @Override
  public ParkingSession start(NewSession request) {
    for (int attempt = 1; ; attempt++) {
      try {
        return statements.write(h -> writes.start(h, request));
      } catch (SqlFaults.DuplicateKey lostRace) {
        // A concurrent start committed first on this user or plate; its session names our refusal.
        Optional<ParkingFailure> refusal =
            statements.withoutTransaction(h -> StartConflicts.refusalOf(h, request));
        if (refusal.isPresent()) {
          throw refusal.get().exception();
        }
        if (attempt >= START_ATTEMPTS) {
          throw new StorageUnavailableException(
              "start kept losing races: " + request.id(), lostRace);
        }
        // the winner has ended since; try again
      }
    }
  }

  @Override
  public ParkingSession end(SessionId id, Instant endTime) {
    return statements.write(h -> end(h, writes, id, endTime));
  }

  /** Ends session {@code id} in the caller's handle, or refuses as the history says. */
  static ParkingSession end(Handle h, SessionWrites writes, SessionId id, Instant endTime) {
    return end(h, writes, ActiveSessionKey.of(id), endTime);
  }

  @Override
  public ParkingSession endOwn(SessionId id, UserId owner, Instant endTime) {
    return statements.write(h -> end(h, writes, ActiveSessionKey.of(id, owner), endTime));
  }

  /** Ends the active session {@code key} names, or refuses as {@link #whyNotEnded} says. */
  private static ParkingSession end(
      Handle h, SessionWrites writes, ActiveSessionKey key, Instant endTime) {
    return writes.end(h, key, endTime).orElseThrow(() -> whyNotEnded(h, key).exception());
  }

  /**
   * Why an end of the active session that {@code key} names found none: by id, the history says
   * whether it ended before (as the key's owner's, if it names one) or never was; by user, there is
   * none.
   */
  static ParkingFailure whyNotEnded(Handle h, ActiveSessionKey key) {
    if (!key.column().equals("id")) {
      return NO_ACTIVE_SESSION;
    }
    boolean endedBefore =
        h.createQuery(SharedSql.ENDED_OWNER_BY_ID)
            .bind("id", key.value())
            .mapTo(String.class)
            .findOne()
            .filter(key::admits)
            .isPresent();
    return endedBefore ? SESSION_ALREADY_ENDED : SESSION_NOT_FOUND;
  }

  @Override
  public ParkingSession endActiveSessionOf(UserId user, Instant endTime) {
    return statements.write(h -> endActiveSessionOf(h, writes, user, endTime));
  }

  /** Ends the active session of {@code user} in the caller's handle, or refuses. */
  static ParkingSession endActiveSessionOf(
      Handle h, SessionWrites writes, UserId user, Instant endTime) {
    return end(h, writes, ActiveSessionKey.of(user), endTime);
  }

  @Override
  public Optional<ParkingSession> activeSessionOf(UserId user) {
    return statements.withoutTransaction(
        h ->
            h.createQuery(SharedSql.ACTIVE_OF_USER)
                .bind("user", user.value())
                .map(SessionRows::activeSession)
                .findOne());
  }

  @Override
  public Optional<ParkingSession> find(SessionId id) {
    return statements.withoutTransaction(
        h -> {
          Optional<ParkingSession> active =
              h.createQuery(SharedSql.ACTIVE_BY_ID)
                  .bind("id", id.value())
                  .map(SessionRows::activeSession)
                  .findOne();
          if (active.isPresent()) {
            return active;
          }
          return h.createQuery(SharedSql.ENDED_BY_ID)
              .bind("id", id.value())
              .map(SessionRows::endedSession)
              .findOne();
        });
  }

  @Override
  public List<ParkingSession> activeSessions(Optional<SpotId> afterSpot, int limit) {
    return statements.page(
        SharedSql.activePage(afterSpot.isPresent()), afterSpot, limit, SessionRows::activeSession);
  }

  @Override
  public List<ParkingSession> endedSessions(Optional<EndedSessionKey> after, int limit) {
    return statements.withoutTransaction(
        h -> {
          Query query = h.createQuery(SharedSql.endedPage(after.isPresent()));
          after.ifPresent(
              key ->
                  query
                      .bind("endedAt", SessionRows.timestamp(key.endTime()))
                      .bind("id", key.id().value()));
          return query.bind("limit", limit).map(SessionRows::endedSession).list();
        });
  }
}
