package dev.parkade.adapters.jdbc;

import dev.parkade.domain.ParkingSession;
import dev.parkade.domain.port.NewSession;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * How a start and an end are written on one kind of database (see {@link #eachIsOneStatement}).
 * Both kinds keep the same rows and the same guarantees; they differ in how many round trips they
 * take.
 */
interface SessionWrites {

  /**
   * Claims a free spot that no other transaction holds, without waiting on anyone's row lock, and
   * writes the session on it; refuses as {@link dev.parkade.domain.StartRefusal} decides from what
   * it found. A unique-key violation means a concurrent start of the same user or plate got there
   * first.
   */
  ParkingSession start(Handle h, NewSession request);

  /**
   * Moves the active session that {@code key} names to the history, ended at {@code endTime}
   * (clamped to its start), and frees its spot; empty when there is no such active session.
   */
  Optional<ParkingSession> end(Handle h, ActiveSessionKey key, Instant endTime);

  /**
   * Whether {@link #start} and {@link #end} are each one statement, atomic without a transaction
   * around it; otherwise they need the caller's transaction.
   */
  boolean eachIsOneStatement();

  /** How this database's writes change the lot's counts. */
  LotCounter counter();

  /** The writes that suit the database behind {@code h}. */
  static SessionWrites forDatabase(Handle h) {
    try {
      String product = h.getConnection().getMetaData().getDatabaseProductName();
      return product.toLowerCase(Locale.ROOT).contains("postgresql")
          ? new PostgresWrites()
          : new PortableWrites();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot tell which database this is", e);
    }
  }
}
