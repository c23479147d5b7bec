package dev.parkade.adapters.jdbc;

import dev.parkade.domain.ParkingException;
import dev.parkade.domain.StorageUnavailableException;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.jdbi.v3.core.JdbiException;
import org.jspecify.annotations.Nullable;

/**
 * What a failed transaction means: a lost race on a unique key (the caller decides the domain
 * refusal), a transient conflict the database rolled back (safe to run again), or a storage fault.
 * Every transaction runs through {@link #retrying}, so no SQL exception ever reaches a caller.
 */
final class SqlFaults {
  /** The SQL state of a unique or primary key violation, the same on PostgreSQL and H2. */
  static final String UNIQUE_VIOLATION = "23505";

  /**
   * Serialization failure (40001, also H2's deadlock), deadlock (PostgreSQL 40P01), lock wait
   * timeout (H2 HYT00 and PostgreSQL 55P03): the database rolled the whole transaction back, so
   * running it again cannot apply anything twice.
   */
  private static final Set<String> TRANSIENT = Set.of("40001", "40P01", "HYT00", "55P03");

  private static final int ATTEMPTS = 5;

  private SqlFaults() {}

  /** A unique key taken by a concurrent transaction; its transaction was rolled back. */
  static final class DuplicateKey extends RuntimeException {
    private static final long serialVersionUID = 1L;

    DuplicateKey(Throwable cause) {
      super(cause.getMessage(), cause, false, false);
    }
  }

  /**
   * Runs {@code transaction}, again while the database rolls it back for a transient conflict;
   * translates what is left: domain refusals pass through, a unique violation becomes {@link
   * DuplicateKey}, anything else {@link StorageUnavailableException}.
   */
  static <T> T retrying(Supplier<T> transaction) {
    for (int attempt = 1; ; attempt++) {
      try {
        return transaction.get();
      } catch (ParkingException refused) {
        throw refused;
      } catch (JdbiException e) {
        String state = sqlState(e);
        if (UNIQUE_VIOLATION.equals(state)) {
          throw new DuplicateKey(e);
        }
        if (state != null && TRANSIENT.contains(state) && attempt < ATTEMPTS) {
          pauseBeforeRetry(attempt);
          continue;
        }
        throw new StorageUnavailableException(
            "storage failed" + (state == null ? "" : " (SQL state " + state + ")"), e);
      }
    }
  }

  /** A short random pause so that two retried transactions do not collide again in step. */
  private static void pauseBeforeRetry(int attempt) {
    LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(1, 1_000_000L * attempt));
  }

  static @Nullable String sqlState(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql) {
        for (SQLException e = sql; e != null; e = e.getNextException()) {
          if (e.getSQLState() != null) {
            return e.getSQLState();
          }
        }
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }
}
