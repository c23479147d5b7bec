package dev.parkade.adapters.jdbc;

import dev.parkade.domain.ParkingSession;
import dev.parkade.domain.SpotFeatures;
import dev.parkade.domain.SpotId;
import dev.parkade.domain.StartRefusal;
import dev.parkade.domain.port.NewSession;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jspecify.annotations.Nullable;

/**
 * Starts and ends on PostgreSQL, each one statement ({@link PostgresSql}), where the H2 writes take
 * five or six round trips.
 */
final class PostgresWrites implements SessionWrites {

  private record Outcome(
      @Nullable String spot,
      int features,
      boolean userBusy,
      boolean plateBusy,
      boolean facilityMissing) {}

  @Override
  public boolean eachIsOneStatement() {
    return true;
  }

  @Override
  public LotCounter counter() {
    return LotCounter.POSTGRESQL;
  }

  @Override
  public ParkingSession start(Handle h, NewSession request) {
    Outcome outcome =
        SessionRows.bindRequest(h.createQuery(PostgresSql.start(request.needs())), request)
            .map(
                (rs, ctx) ->
                    new Outcome(
                        rs.getString("spot"),
                        rs.getInt("features"),
                        rs.getBoolean("user_busy"),
                        rs.getBoolean("plate_busy"),
                        rs.getBoolean("facility_missing")))
            .one();
    String spot = outcome.spot();
    StartRefusal.check(
        outcome.userBusy(), outcome.plateBusy(), outcome.facilityMissing(), spot == null);
    if (spot == null) {
      throw new IllegalStateException("a start that claimed no spot was not refused");
    }
    return request.startedOn(new SpotId(spot), SpotFeatures.ofMask(outcome.features()));
  }

  @Override
  public Optional<ParkingSession> end(Handle h, ActiveSessionKey key, Instant endTime) {
    String end =
        key.owner().isPresent()
            ? PostgresSql.endOwnedById()
            : PostgresSql.end(key.column())
                .orElseThrow(
                    () ->
                        new IllegalArgumentException(
                            "no end statement for column " + key.column()));
    return key.bind(h.createQuery(end))
        .bind("endedAt", SessionRows.timestamp(endTime))
        .map(SessionRows::endedSession)
        .findOne();
  }
}
