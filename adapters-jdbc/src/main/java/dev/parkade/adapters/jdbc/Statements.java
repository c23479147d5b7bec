package dev.parkade.adapters.jdbc;

import dev.parkade.domain.SpotId;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.Query;

/**
 * How the adapter runs its SQL: a change in one transaction, or as one statement where that is
 * atomic on its own; a read without a transaction. Every run goes through {@link SqlFaults}, so no
 * SQL exception reaches a caller.
 */
final class Statements {
  private final Jdbi jdbi;
  private final SessionWrites writes;

  /**
   * @throws IllegalArgumentException when a connection does not start in autocommit mode
   */
  Statements(Jdbi jdbi) {
    this.jdbi = jdbi;
    this.writes = SqlFaults.retrying(() -> jdbi.withHandle(Statements::writesFor));
  }

  private static SessionWrites writesFor(Handle h) {
    boolean autoCommit;
    try {
      autoCommit = h.getConnection().getAutoCommit();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot tell whether connections autocommit", e);
    }
    if (!autoCommit) {
      throw new IllegalArgumentException(
          "the data source's connections must start in autocommit mode; writes would never commit");
    }
    return SessionWrites.forDatabase(h);
  }

  /** How starts and ends are written on this database. */
  SessionWrites writes() {
    return writes;
  }

  /**
   * Runs {@code work} in one transaction at the pool's isolation, read committed (asking JDBI for a
   * level would cost a round trip per transaction: the PostgreSQL driver queries the level).
   */
  <T> T transaction(HandleCallback<T, RuntimeException> work) {
    return SqlFaults.retrying(() -> jdbi.inTransaction(work));
  }

  /**
   * Runs a start or an end: in a transaction where it takes several statements; without one where
   * each write is one statement (PostgreSQL), atomic on its own. There the statement's row locks (a
   * counter stripe, the spot) go when it ends instead of a round trip later at the commit, and the
   * commit's round trip goes too (see BENCHMARKS.md for what that is worth).
   */
  <T> T write(HandleCallback<T, RuntimeException> work) {
    return writes.eachIsOneStatement() ? withoutTransaction(work) : transaction(work);
  }

  /**
   * Up to {@code limit} rows of {@code page}, a query in spot id order after {@code :after} when
   * {@code after} is present.
   */
  <T> List<T> page(String page, Optional<SpotId> after, int limit, RowMapper<T> rows) {
    return withoutTransaction(
        h -> {
          Query query = h.createQuery(page);
          after.ifPresent(spot -> query.bind("after", spot.value()));
          return query.bind("limit", limit).map(rows).list();
        });
  }

  /** The row, if any, that {@code sql} finds for {@code :id}, read without a transaction. */
  <T> Optional<T> byId(String sql, String id, RowMapper<T> row) {
    return withoutTransaction(h -> byId(h, sql, id, row));
  }

  /** The row, if any, that {@code sql} finds for {@code :id}, in the caller's handle. */
  static <T> Optional<T> byId(Handle h, String sql, String id, RowMapper<T> row) {
    return h.createQuery(sql).bind("id", id).map(row).findOne();
  }

  /** Whether {@code sql} finds a row for {@code :id}, in the caller's handle. */
  static boolean exists(Handle h, String sql, String id) {
    return byId(h, sql, id, (rs, ctx) -> Boolean.TRUE).isPresent();
  }

  /** Runs statements that need no transaction around them: each sees one snapshot of its own. */
  <T> T withoutTransaction(HandleCallback<T, RuntimeException> work) {
    return SqlFaults.retrying(() -> jdbi.withHandle(work));
  }
}
