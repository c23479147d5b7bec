package dev.parkade.adapters.jdbc;

import dev.parkade.domain.BestFit;
import dev.parkade.domain.FacilityId;
import dev.parkade.domain.ParkingFailure;
import dev.parkade.domain.ParkingSession;
import dev.parkade.domain.SpotFeatures;
import dev.parkade.domain.SpotId;
import dev.parkade.domain.StartRefusal;
import dev.parkade.domain.port.NewSession;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Starts and ends as several plain statements ({@link PortableSql}) in one transaction, in SQL that
 * H2 accepts (H2 has no data-modifying common table expressions); the writes of H2.
 */
final class PortableWrites implements SessionWrites {
  private static final int CANDIDATES = 16;

  @Override
  public boolean eachIsOneStatement() {
    return false;
  }

  @Override
  public LotCounter counter() {
    return LotCounter.H2;
  }

  @Override
  public ParkingSession start(Handle h, NewSession request) {
    Optional<ParkingFailure> conflict = StartConflicts.refusalOf(h, request);
    if (conflict.isPresent()) {
      throw conflict.get().exception();
    }
    Optional<Claimed> claimed = claimFittingSpot(h, request.facility(), request.needs());
    boolean facilityMissing =
        claimed.isEmpty()
            && !Statements.exists(h, SharedSql.FACILITY_BY_ID, request.facility().value());
    StartRefusal.check(false, false, facilityMissing, claimed.isEmpty());
    String spot = claimed.orElseThrow().id();
    SpotFeatures features = claimed.orElseThrow().features();
    ParkingSession session = request.startedOn(new SpotId(spot), features);
    int taken = h.createUpdate(PortableSql.TAKE_SPOT).bind("id", spot).execute();
    if (taken != 1) {
      // The row lock is held since the claim, so this would be a bug: fail the transaction whole
      // rather than insert a session whose spot is not the one marked taken (see migration V3).
      throw new IllegalStateException("spot " + spot + " stopped being free under its lock");
    }
    SessionRows.bindSession(h.createUpdate(PortableSql.INSERT_ACTIVE), session).execute();
    counter().adjust(h, request.facility().value(), features.mask(), 0, -1);
    return session;
  }

  private record Claimed(String id, SpotFeatures features) {}

  /**
   * Walks the feature classes that fit {@code needs} in best-fit order ({@link BestFit#order}) and
   * claims the first free spot of {@code facility} it can lock.
   */
  private static Optional<Claimed> claimFittingSpot(
      Handle h, FacilityId facility, SpotFeatures needs) {
    for (SpotFeatures fitting : BestFit.order(needs)) {
      Optional<String> claimed = claimFreeSpot(h, facility, fitting);
      if (claimed.isPresent()) {
        return Optional.of(new Claimed(claimed.get(), fitting));
      }
    }
    return Optional.empty();
  }

  /**
   * H2 locks every row a {@code FOR UPDATE} query reads, even past its {@code LIMIT}, so a
   * one-statement claim would lock every free spot and refuse all concurrent starts. Instead: read
   * free candidates without locking, then lock them one at a time, skipping any that another
   * transaction holds or has taken since.
   */
  private static Optional<String> claimFreeSpot(
      Handle h, FacilityId facility, SpotFeatures featureClass) {
    String after = "";
    for (; ; ) {
      List<String> candidates =
          h.createQuery(PortableSql.FREE_CANDIDATES)
              .bind("facility", facility.value())
              .bind("class", featureClass.mask())
              .bind("after", after)
              .bind("n", CANDIDATES)
              .mapTo(String.class)
              .list();
      for (String candidate : candidates) {
        Optional<String> locked =
            h.createQuery(PortableSql.LOCK_CANDIDATE)
                .bind("id", candidate)
                .mapTo(String.class)
                .findOne();
        if (locked.isPresent()) {
          return locked;
        }
      }
      if (candidates.size() < CANDIDATES) {
        return Optional.empty();
      }
      after = candidates.get(candidates.size() - 1);
    }
  }

  @Override
  public Optional<ParkingSession> end(Handle h, ActiveSessionKey key, Instant endTime) {
    Optional<ParkingSession> active =
        key.bind(h.createQuery(PortableSql.lockActive(key.column(), key.owner().isPresent())))
            .map(SessionRows::activeSession)
            .findOne();
    if (active.isEmpty()) {
      return Optional.empty();
    }
    ParkingSession ended = active.get().endedAt(endTime);
    h.createUpdate(PortableSql.DELETE_ACTIVE).bind("id", ended.id().value()).execute();
    SessionRows.bindSession(h.createUpdate(PortableSql.INSERT_ENDED), ended)
        .bind("endedAt", SessionRows.timestamp(ended.endTime().orElseThrow()))
        .execute();
    h.createUpdate(PortableSql.FREE_SPOT).bind("id", ended.spotId().value()).execute();
    counter().adjust(h, ended.facilityId().value(), ended.spotFeatures().mask(), 0, +1);
    return Optional.of(ended);
  }
}
