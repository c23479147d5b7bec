package dev.parkade.adapters.jdbc;

import static dev.parkade.domain.ParkingFailure.SPOT_EXISTS;

import dev.parkade.domain.Facility;
import dev.parkade.domain.FacilityId;
import dev.parkade.domain.ParkingException;
import dev.parkade.domain.port.LotImport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * A whole lot in one transaction: the facilities it names that do not exist yet, then its spots,
 * then their counts. Any failure rolls all of it back. Like a spot add, it holds each facility's
 * row lock while it inserts, so that a concurrent deletion of the facility cannot leave spots in
 * none (see {@link SharedSql#LOCK_FACILITY}).
 */
final class JdbcLotImport implements LotImport {
  /** Ids per statement: well below PostgreSQL's 65,535 bind parameters, and a few round trips. */
  private static final int CHUNK = 1_000;

  private final Statements statements;
  private final LotCounter counter;

  JdbcLotImport(Statements statements) {
    this.statements = statements;
    this.counter = statements.writes().counter();
  }

  @Override
  public Imported load(List<NewSpot> spots) {
    try {
      return statements.transaction(h -> loadIn(h, spots));
    } catch (SqlFaults.DuplicateKey lostRace) {
      // A spot or a facility of the file was created meanwhile by someone else.
      throw new ParkingException(SPOT_EXISTS, "");
    }
  }

  private Imported loadIn(Handle h, List<NewSpot> spots) {
    Map<FacilityId, Map<Integer, Long>> perClass = new LinkedHashMap<>();
    for (NewSpot spot : spots) {
      perClass
          .computeIfAbsent(spot.facility(), f -> new LinkedHashMap<>())
          .merge(spot.features().mask(), 1L, Long::sum);
    }
    List<FacilityId> created = new ArrayList<>();
    for (FacilityId facility : perClass.keySet()) {
      if (!Statements.exists(h, SharedSql.LOCK_FACILITY, facility.value())) {
        // Named by its id: a file has no names; an operator may rename it later.
        JdbcFacilityCatalogue.insert(
            h, new Facility(facility, facility.value(), Optional.empty(), Optional.empty()));
        created.add(facility);
      }
    }
    for (int from = 0; from < spots.size(); from += CHUNK) {
      List<NewSpot> chunk = spots.subList(from, Math.min(spots.size(), from + CHUNK));
      Optional<String> existing =
          h.createQuery(SharedSql.FIRST_EXISTING_SPOT)
              .bindList("ids", chunk.stream().map(s -> s.id().value()).toList())
              .mapTo(String.class)
              .findOne();
      if (existing.isPresent()) {
        throw new ParkingException(SPOT_EXISTS, existing.get());
      }
      PreparedBatch batch = h.prepareBatch(SharedSql.INSERT_FREE_SPOT);
      for (NewSpot spot : chunk) {
        batch
            .bind("id", spot.id().value())
            .bind("facility", spot.facility().value())
            .bind("class", spot.features().mask())
            .add();
      }
      batch.execute();
    }
    perClass.forEach(
        (facility, classes) ->
            classes.forEach(
                (featureClass, count) ->
                    counter.adjust(h, facility.value(), featureClass, count, count)));
    return new Imported(spots.size(), created);
  }
}
