package dev.parkade.adapters.jdbc;

import dev.parkade.domain.ParkingFailure;
import dev.parkade.domain.StartRefusal;
import dev.parkade.domain.port.NewSession;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Whether the user or the plate of a start already has an active session, read in one query. */
final class StartConflicts {
  private StartConflicts() {}

  /** The refusal that the active sessions of this user and plate give, if any. */
  static Optional<ParkingFailure> refusalOf(Handle h, NewSession request) {
    String user = request.userId().value();
    String plate = request.plate().value();
    List<Map.Entry<String, String>> holders =
        h.createQuery(SharedSql.CONFLICTS)
            .bind("user", user)
            .bind("plate", plate)
            .map((rs, ctx) -> Map.entry(rs.getString("user_id"), rs.getString("plate")))
            .list();
    return StartRefusal.of(
        holders.stream().anyMatch(held -> held.getKey().equals(user)),
        holders.stream().anyMatch(held -> held.getValue().equals(plate)),
        false);
  }
}
