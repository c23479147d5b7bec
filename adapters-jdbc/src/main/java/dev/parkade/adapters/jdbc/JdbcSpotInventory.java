package dev.parkade.adapters.jdbc;

import static dev.parkade.domain.ParkingFailure.FACILITY_NOT_FOUND;
import static dev.parkade.domain.ParkingFailure.SPOT_EXISTS;
import static dev.parkade.domain.ParkingFailure.SPOT_NOT_FOUND;
import static dev.parkade.domain.ParkingFailure.SPOT_OCCUPIED;

import dev.parkade.domain.FacilityId;
import dev.parkade.domain.ParkingException;
import dev.parkade.domain.SpotFeatures;
import dev.parkade.domain.SpotId;
import dev.parkade.domain.port.FacilityCatalogue;
import dev.parkade.domain.port.FacilityCounts;
import dev.parkade.domain.port.Occupancy;
import dev.parkade.domain.port.Spot;
import dev.parkade.domain.port.SpotFilter;
import dev.parkade.domain.port.SpotInventory;
import dev.parkade.domain.port.SpotState;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;

/** The spots of {@link JdbcParkingLot}: each change one transaction, with the counts it moves. */
final class JdbcSpotInventory implements SpotInventory {
  private final Statements statements;
  private final LotCounter counter;
  private final FacilityCatalogue facilities;

  JdbcSpotInventory(Statements statements, FacilityCatalogue facilities) {
    this.statements = statements;
    this.counter = statements.writes().counter();
    this.facilities = facilities;
  }

  /**
   * Holds the facility's row lock while it inserts, so that a deletion of the facility either sees
   * the spots or leaves none for this add to insert into (see {@link SharedSql#LOCK_FACILITY}).
   */
  @Override
  public List<SpotId> add(FacilityId facility, SpotFeatures features, List<SpotId> ids) {
    try {
      statements.transaction(h -> add(h, counter, facility, features, ids));
    } catch (SqlFaults.DuplicateKey lostRace) {
      // A concurrent add committed one of these ids first.
      throw new ParkingException(SPOT_EXISTS, "");
    }
    return List.copyOf(ids);
  }

  /** Adds the spots in the caller's transaction, or refuses before changing anything. */
  static int add(
      Handle h, LotCounter counter, FacilityId facility, SpotFeatures features, List<SpotId> ids) {
    if (!Statements.exists(h, SharedSql.LOCK_FACILITY, facility.value())) {
      throw FACILITY_NOT_FOUND.exception();
    }
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
      batch
          .bind("id", id.value())
          .bind("facility", facility.value())
          .bind("class", features.mask())
          .add();
    }
    batch.execute();
    counter.adjust(h, facility.value(), features.mask(), ids.size(), ids.size());
    return ids.size();
  }

  @Override
  public void remove(SpotId id) {
    statements.transaction(h -> remove(h, counter, id));
  }

  /** Removes a free spot in the caller's transaction, or refuses before changing anything. */
  static SpotId remove(Handle h, LotCounter counter, SpotId id) {
    Optional<LockedSpot> spot =
        h.createQuery(SharedSql.LOCK_SPOT)
            .bind("id", id.value())
            .map(
                (rs, ctx) ->
                    new LockedSpot(
                        rs.getBoolean("free"),
                        rs.getString("facility_id"),
                        rs.getInt("feature_class")))
            .findOne();
    if (spot.isEmpty()) {
      throw SPOT_NOT_FOUND.exception();
    }
    if (!spot.get().free()) {
      throw SPOT_OCCUPIED.exception();
    }
    h.createUpdate(SharedSql.DELETE_SPOT).bind("id", id.value()).execute();
    counter.adjust(h, spot.get().facility(), spot.get().featureClass(), -1, -1);
    return id;
  }

  private record LockedSpot(boolean free, String facility, int featureClass) {}

  @Override
  public Occupancy occupancy() {
    return statements.withoutTransaction(
        h ->
            h.createQuery(LotCounter.OCCUPANCY)
                .map((rs, ctx) -> new Occupancy(rs.getLong("total"), rs.getLong("free")))
                .one());
  }

  @Override
  public Optional<FacilityCounts> counts(FacilityId facility) {
    return statements.withoutTransaction(
        h -> {
          long[] total = new long[SpotFeatures.CLASSES];
          long[] free = new long[SpotFeatures.CLASSES];
          int rows =
              h.createQuery(LotCounter.FACILITY_COUNTS)
                  .bind("facility", facility.value())
                  .map(
                      (rs, ctx) -> {
                        int mask = rs.getInt("feature_class");
                        total[mask] = rs.getLong("total");
                        free[mask] = rs.getLong("free");
                        return mask;
                      })
                  .list()
                  .size();
          return rows == 0
              ? Optional.empty()
              : Optional.of(new FacilityCounts(facility, total, free));
        });
  }

  @Override
  public List<SpotId> freeSpots(SpotFilter filter, int limit) {
    boolean byClass = !filter.features().equals(SpotFeatures.NONE);
    String sql =
        filter.facility().isEmpty() && !byClass
            ? SharedSql.FREE_SPOTS
            : SharedSql.freeSpots(filter.facility().isPresent(), byClass);
    return statements.withoutTransaction(
        h ->
            bindFilter(h.createQuery(sql), filter, byClass)
                .bind("limit", limit)
                .map((rs, ctx) -> new SpotId(rs.getString("id")))
                .list());
  }

  @Override
  public List<Spot> spots(SpotFilter filter, Optional<SpotId> after, int limit) {
    boolean byClass = !filter.features().equals(SpotFeatures.NONE);
    String sql = SharedSql.spotPage(after.isPresent(), filter.facility().isPresent(), byClass);
    return statements.withoutTransaction(
        h -> {
          Query query = bindFilter(h.createQuery(sql), filter, byClass);
          after.ifPresent(spot -> query.bind("after", spot.value()));
          return query.bind("limit", limit).map(JdbcSpotInventory::spot).list();
        });
  }

  private static Query bindFilter(Query query, SpotFilter filter, boolean byClass) {
    filter.facility().ifPresent(facility -> query.bind("facility", facility.value()));
    if (byClass) {
      query.bindList("classes", SharedSql.classesHaving(filter.features()));
    }
    return query;
  }

  private static Spot spot(ResultSet rs, Object ctx) throws SQLException {
    return new Spot(
        new SpotId(rs.getString("id")),
        rs.getBoolean("free") ? SpotState.FREE : SpotState.OCCUPIED,
        new FacilityId(rs.getString("facility_id")),
        SpotFeatures.ofMask(rs.getInt("feature_class")));
  }

  @Override
  public FacilityCatalogue facilities() {
    return facilities;
  }
}
