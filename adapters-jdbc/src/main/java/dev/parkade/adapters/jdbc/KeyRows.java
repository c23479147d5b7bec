package dev.parkade.adapters.jdbc;

import dev.parkade.domain.ParkingFailure;
import dev.parkade.domain.ParkingSession;
import dev.parkade.domain.Sha256;
import dev.parkade.domain.UserId;
import dev.parkade.domain.port.KeyedAnswer;
import dev.parkade.domain.port.KeyedRequest;
import dev.parkade.domain.port.WriteOutcome;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jspecify.annotations.Nullable;

/**
 * The rows of {@code idempotency_key} and their SQL, for {@link JdbcIdempotentWrites}: what a key
 * holds, how it is found, written, forgotten when expired and purged.
 */
final class KeyRows {
  /**
   * The first number of PostgreSQL's two-int advisory lock space: Flyway locks in the bigint space,
   * which the two-int space never overlaps, so a keyed write and a migration never meet.
   */
  private static final int LOCK_SPACE = 15;

  private static final String PRIOR =
      "SELECT fingerprint, created_at, refusal, session_id FROM idempotency_key"
          + " WHERE caller = :caller AND idem_key = :idemKey";

  /**
   * The key's row and, only when there is none, the key's advisory lock: a replay never tries the
   * lock ({@code WHERE} with no table is a one-time filter), and a lock not got means that another
   * transaction holding it is inside its change. The start of a keyed statement.
   */
  static final String PRIOR_AND_LOCK =
      "WITH prior AS ("
          + PRIOR
          + "), lock AS MATERIALIZED (SELECT pg_try_advisory_xact_lock("
          + LOCK_SPACE
          + ", :keyHash) AS got WHERE NOT EXISTS (SELECT 1 FROM prior))";

  /** What a keyed statement answers about the key besides its own columns. */
  static final String PRIOR_AND_LOCK_COLUMNS =
      "(SELECT got FROM lock) AS got, (SELECT fingerprint FROM prior) AS fingerprint,"
          + " (SELECT created_at FROM prior) AS created_at, (SELECT refusal FROM prior) AS refusal,"
          + " (SELECT session_id FROM prior) AS session_id";

  private static final String PRIOR_OR_LOCK = PRIOR_AND_LOCK + " SELECT " + PRIOR_AND_LOCK_COLUMNS;

  /** Writes the key with the session that the statement started, if it started one. */
  static final String KEYED_FROM_STARTED =
      "INSERT INTO idempotency_key (caller, idem_key, fingerprint, created_at, session_id)"
          + " SELECT :caller, :idemKey, :fingerprint, :keyCreatedAt, :id FROM started";

  /** Writes the key with the session that the statement ended, if it ended one. */
  static final String KEYED_FROM_KEPT =
      "INSERT INTO idempotency_key (caller, idem_key, fingerprint, created_at, session_id)"
          + " SELECT :caller, :idemKey, :fingerprint, :keyCreatedAt, id FROM kept";

  /** A refusal, recorded after its statement: a racer may have written the key meanwhile. */
  private static final String INSERT_REFUSAL_IF_ABSENT =
      "INSERT INTO idempotency_key (caller, idem_key, fingerprint, created_at, refusal)"
          + " VALUES (:caller, :idemKey, :fingerprint, :createdAt, :refusal)"
          + " ON CONFLICT (caller, idem_key) DO NOTHING";

  private static final String LOCK =
      "SELECT pg_try_advisory_xact_lock(" + LOCK_SPACE + ", :keyHash)";

  /** By its exact creation time, so that a key written again since is never the one deleted. */
  private static final String DELETE_EXPIRED =
      "DELETE FROM idempotency_key"
          + " WHERE caller = :caller AND idem_key = :idemKey AND created_at = :createdAt";

  private static final String INSERT =
      "INSERT INTO idempotency_key (caller, idem_key, fingerprint, created_at, refusal, session_id)"
          + " VALUES (:caller, :idemKey, :fingerprint, :createdAt, :refusal, :sessionId)";

  /** Locks only expired rows, and skips those another purge or a writer holds. */
  static final String PURGE_POSTGRES =
      "DELETE FROM idempotency_key k USING (SELECT caller, idem_key FROM idempotency_key"
          + " WHERE created_at <= :cutoff ORDER BY created_at LIMIT :max FOR UPDATE SKIP LOCKED) old"
          + " WHERE k.caller = old.caller AND k.idem_key = old.idem_key";

  static final String PURGE_H2 =
      "DELETE FROM idempotency_key WHERE created_at <= :cutoff FETCH FIRST :max ROWS ONLY";

  /** Which outcome a stored success stands for: the row keeps a session id, not the route. */
  enum Kind {
    START,
    END,
    DONE,
    REFUSAL
  }

  private KeyRows() {}

  /** A key as its caller scopes it. */
  record KeyId(UserId caller, String key) {
    static KeyId of(KeyedRequest request) {
      return new KeyId(request.caller(), request.key().value());
    }
  }

  /** What a key holds. */
  record Prior(
      String fingerprint, Instant createdAt, @Nullable String refusal, @Nullable String sessionId) {
    boolean expiredAt(Instant at, Duration ttl) {
      return !at.isBefore(createdAt.plus(ttl));
    }
  }

  /** A key's row, if any, and whether its lock was got: never tried when a row was found. */
  record PriorOrLock(Optional<Prior> prior, boolean got) {}

  static Optional<Prior> prior(Handle h, KeyedRequest request) {
    return bindKey(h.createQuery(PRIOR), request).map(KeyRows::prior).findOne();
  }

  static PriorOrLock priorOrLock(Handle h, KeyedRequest request) {
    return bindKey(h.createQuery(PRIOR_OR_LOCK), request)
        .bind("keyHash", keyHash(request))
        .map(KeyRows::priorOrLock)
        .one();
  }

  /**
   * The key's columns of a row that a keyed statement answers ({@link #PRIOR_AND_LOCK_COLUMNS}).
   */
  static PriorOrLock priorOrLock(ResultSet rs, Object ctx) throws SQLException {
    return new PriorOrLock(
        rs.getString("fingerprint") == null ? Optional.empty() : Optional.of(prior(rs, ctx)),
        rs.getBoolean("got"));
  }

  /** Binds what a keyed statement needs of its request besides the change's own parameters. */
  static <S extends SqlStatement<S>> S bindKeyed(S statement, KeyedRequest request) {
    return bindKey(statement, request)
        .bind("keyHash", keyHash(request))
        .bind("fingerprint", request.fingerprint().hex())
        .bind("keyCreatedAt", SessionRows.timestamp(request.at()));
  }

  /** Records a refusal under the key unless the key holds something already; whether it did. */
  static boolean insertRefusalIfAbsent(Handle h, KeyedRequest request, ParkingFailure refusal) {
    return bindKey(h.createUpdate(INSERT_REFUSAL_IF_ABSENT), request)
            .bind("fingerprint", request.fingerprint().hex())
            .bind("createdAt", SessionRows.timestamp(request.at()))
            .bind("refusal", refusal.code())
            .execute()
        == 1;
  }

  /** Tries the key's advisory lock, held until the transaction ends; never waits. */
  static boolean tryLock(Handle h, KeyedRequest request) {
    return h.createQuery(LOCK).bind("keyHash", keyHash(request)).mapTo(Boolean.class).one();
  }

  static void deleteExpired(Handle h, KeyedRequest request, Prior prior) {
    bindKey(h.createUpdate(DELETE_EXPIRED), request)
        .bind("createdAt", SessionRows.timestamp(prior.createdAt()))
        .execute();
  }

  /** Writes the key with what the write did, in the change's transaction. */
  static void insert(Handle h, KeyedRequest request, WriteOutcome outcome) {
    String refusal = null;
    String session = null;
    if (outcome instanceof WriteOutcome.Refused refused) {
      refusal = refused.failure().code();
    } else if (outcome instanceof WriteOutcome.Started started) {
      session = started.session().id().value();
    } else if (outcome instanceof WriteOutcome.Ended ended) {
      session = ended.session().id().value();
    }
    bindKey(h.createUpdate(INSERT), request)
        .bind("fingerprint", request.fingerprint().hex())
        .bind("createdAt", SessionRows.timestamp(request.at()))
        .bind("refusal", refusal)
        .bind("sessionId", session)
        .execute();
  }

  /**
   * What a live key answers a request: its outcome again, or {@code Reused} for another request.
   */
  static KeyedAnswer replay(Handle h, KeyedRequest request, Kind kind, Prior prior) {
    if (!prior.fingerprint().equals(request.fingerprint().hex())) {
      return new KeyedAnswer.Reused();
    }
    String refusal = prior.refusal();
    if (refusal != null) {
      return new KeyedAnswer.Replayed(new WriteOutcome.Refused(ParkingFailure.valueOf(refusal)));
    }
    String sessionId = prior.sessionId();
    if (sessionId == null || kind == Kind.DONE) {
      return new KeyedAnswer.Replayed(new WriteOutcome.Done());
    }
    ParkingSession session = session(h, sessionId);
    return new KeyedAnswer.Replayed(
        kind == Kind.START
            ? new WriteOutcome.Started(session.atStart())
            : new WriteOutcome.Ended(session));
  }

  /** Session rows outlive keys: a key's session is active or in the history. */
  private static ParkingSession session(Handle h, String id) {
    return Statements.byId(h, SharedSql.ACTIVE_BY_ID, id, SessionRows::activeSession)
        .or(() -> Statements.byId(h, SharedSql.ENDED_BY_ID, id, SessionRows::endedSession))
        .orElseThrow(() -> new IllegalStateException("the session of a key is gone: " + id));
  }

  private static <S extends SqlStatement<S>> S bindKey(S statement, KeyedRequest request) {
    return statement
        .bind("caller", request.caller().value())
        .bind("idemKey", request.key().value());
  }

  private static Prior prior(ResultSet rs, Object ctx) throws SQLException {
    OffsetDateTime created = rs.getObject("created_at", OffsetDateTime.class);
    if (created == null) {
      throw new SQLException("column created_at is null");
    }
    return new Prior(
        rs.getString("fingerprint"),
        created.toInstant(),
        rs.getString("refusal"),
        rs.getString("session_id"));
  }

  /** Four bytes of SHA-256 of the caller and the key: the second int of the advisory lock. */
  static int keyHash(KeyedRequest request) {
    MessageDigest sha256 = Sha256.newDigest();
    sha256.update(request.caller().value().getBytes(StandardCharsets.UTF_8));
    sha256.update((byte) 0);
    sha256.update(request.key().value().getBytes(StandardCharsets.UTF_8));
    return ByteBuffer.wrap(sha256.digest()).getInt();
  }
}
