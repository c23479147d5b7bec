package dev.parkade.adapters.jdbc;

import static dev.parkade.domain.ParkingFailure.FACILITY_EXISTS;
import static dev.parkade.domain.ParkingFailure.FACILITY_NOT_EMPTY;
import static dev.parkade.domain.ParkingFailure.FACILITY_NOT_FOUND;

import dev.parkade.domain.Facility;
import dev.parkade.domain.FacilityId;
import dev.parkade.domain.Location;
import dev.parkade.domain.port.FacilityCatalogue;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The facilities of {@link JdbcParkingLot}. A facility is created with its counter rows and deleted
 * with them, each in one transaction; a deletion holds the facility's row lock while it checks that
 * no spot is left, as a spot add holds it while it inserts (see {@link SharedSql#LOCK_FACILITY}).
 */
final class JdbcFacilityCatalogue implements FacilityCatalogue {
  private final Statements statements;

  JdbcFacilityCatalogue(Statements statements) {
    this.statements = statements;
  }

  @Override
  public void create(Facility facility) {
    try {
      statements.transaction(h -> insert(h, facility));
    } catch (SqlFaults.DuplicateKey exists) {
      throw FACILITY_EXISTS.exception();
    }
  }

  /** Inserts a facility with its counter rows, inside the caller's transaction. */
  static int insert(Handle h, Facility facility) {
    h.createUpdate(SharedSql.INSERT_FACILITY)
        .bind("id", facility.id().value())
        .bind("name", facility.name())
        .bind("lat", facility.location().map(Location::lat).orElse(null))
        .bind("lon", facility.location().map(Location::lon).orElse(null))
        .bind("address", facility.address().orElse(null))
        .execute();
    return h.createUpdate(LotCounter.NEW_FACILITY_COUNTERS)
        .bind("facility", facility.id().value())
        .execute();
  }

  @Override
  public Optional<Facility> find(FacilityId id) {
    return statements.byId(SharedSql.FACILITY_BY_ID, id.value(), JdbcFacilityCatalogue::facility);
  }

  @Override
  public List<Facility> all() {
    return statements.withoutTransaction(
        h -> h.createQuery(SharedSql.FACILITIES).map(JdbcFacilityCatalogue::facility).list());
  }

  @Override
  public void delete(FacilityId id) {
    statements.transaction(h -> delete(h, id));
  }

  /** Deletes an empty facility in the caller's transaction, or refuses before changing anything. */
  static int delete(Handle h, FacilityId id) {
    if (!Statements.exists(h, SharedSql.LOCK_FACILITY, id.value())) {
      throw FACILITY_NOT_FOUND.exception();
    }
    if (Statements.exists(h, SharedSql.ANY_SPOT_OF_FACILITY, id.value())) {
      throw FACILITY_NOT_EMPTY.exception();
    }
    h.createUpdate(LotCounter.DELETE_FACILITY_COUNTERS).bind("facility", id.value()).execute();
    return h.createUpdate(SharedSql.DELETE_FACILITY).bind("id", id.value()).execute();
  }

  private static Facility facility(ResultSet rs, Object ctx) throws SQLException {
    double lat = rs.getDouble("lat");
    boolean located = !rs.wasNull();
    double lon = rs.getDouble("lon");
    located = located && !rs.wasNull();
    return new Facility(
        new FacilityId(rs.getString("id")),
        rs.getString("name"),
        located ? Optional.of(new Location(lat, lon)) : Optional.empty(),
        Optional.ofNullable(rs.getString("address")));
  }
}
