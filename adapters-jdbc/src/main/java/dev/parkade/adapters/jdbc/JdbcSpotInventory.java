package dev.parkade.adapters.jdbc;

import static dev.parkade.domain.ParkingFailure.SPOT_EXISTS;
import static dev.parkade.domain.ParkingFailure.SPOT_NOT_FOUND;
import static dev.parkade.domain.ParkingFailure.SPOT_OCCUPIED;

import dev.parkade.domain.ParkingException;
import dev.parkade.domain.SpotId;
import dev.parkade.domain.port.Occupancy;
import dev.parkade.domain.port.Spot;
import dev.parkade.domain.port.SpotInventory;
import dev.parkade.domain.port.SpotState;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.statement.PreparedBatch;

/** The spots of {@link JdbcParkingLot}: each change one transaction, with the counts it moves. */
final class JdbcSpotInventory implements SpotInventory {
  private final Statements statements;
  private final LotCounter counter;

  JdbcSpotInventory(Statements statements) {
    this.statements = statements;
    this.counter = statements.writes().counter();
  }

  @Override
  public List<SpotId> add(List<SpotId> ids) {
    try {
      statements.transaction(
          h -> {
            Optional<String> existing =
                h.createQuery(SharedSql.FIRST_EXISTING_SPOT)
                    .bindList("ids", ids.stream().map(SpotId::value).toList())
                    .mapTo(String.class)
                    .findOne();
            if (existing.isPresent()) {
              throw new ParkingException(SPOT_EXISTS, existing.get());
            }
            PreparedBatch batch = h.prepareBatch(SharedSql.INSERT_FREE_SPOT);
            for (SpotId id : ids) {
              batch.bind("id", id.value()).add();
            }
            batch.execute();
            counter.adjust(h, ids.size(), ids.size());
            return ids.size();
          });
    } catch (SqlFaults.DuplicateKey lostRace) {
      // A concurrent add committed one of these ids first.
      throw new ParkingException(SPOT_EXISTS, "");
    }
    return List.copyOf(ids);
  }

  @Override
  public void remove(SpotId id) {
    statements.transaction(
        h -> {
          Optional<Boolean> free =
              h.createQuery(SharedSql.LOCK_SPOT)
                  .bind("id", id.value())
                  .mapTo(Boolean.class)
                  .findOne();
          if (free.isEmpty()) {
            throw SPOT_NOT_FOUND.exception();
          }
          if (!free.get()) {
            throw SPOT_OCCUPIED.exception();
          }
          h.createUpdate(SharedSql.DELETE_SPOT).bind("id", id.value()).execute();
          counter.adjust(h, -1, -1);
          return id;
        });
  }

  @Override
  public Occupancy occupancy() {
    return statements.withoutTransaction(
        h ->
            h.createQuery(LotCounter.OCCUPANCY)
                .map((rs, ctx) -> new Occupancy(rs.getLong("total"), rs.getLong("free")))
                .one());
  }

  @Override
  public List<SpotId> freeSpots(int limit) {
    return statements.withoutTransaction(
        h ->
            h.createQuery(SharedSql.FREE_SPOTS)
                .bind("limit", limit)
                .map((rs, ctx) -> new SpotId(rs.getString("id")))
                .list());
  }

  @Override
  public List<Spot> spots(Optional<SpotId> after, int limit) {
    return statements.page(
        SharedSql.spotPage(after.isPresent()),
        after,
        limit,
        (rs, ctx) ->
            new Spot(
                new SpotId(rs.getString("id")),
                rs.getBoolean("free") ? SpotState.FREE : SpotState.OCCUPIED));
  }
}
