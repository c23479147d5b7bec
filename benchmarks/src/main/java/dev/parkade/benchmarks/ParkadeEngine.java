package dev.parkade.benchmarks;

import dev.parkade.adapters.inmemory.InMemoryParkingLot;
import dev.parkade.domain.LicensePlate;
import dev.parkade.domain.ParkingException;
import dev.parkade.domain.SessionId;
import dev.parkade.domain.SpotId;
import dev.parkade.domain.UserId;
import dev.parkade.domain.port.NewSession;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Parkade's in-memory engine, as the product uses it (session ids, times, refusals). */
public final class ParkadeEngine implements ParkingEngine {
  private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
  private final InMemoryParkingLot lot = new InMemoryParkingLot();
  private final AtomicLong ids = new AtomicLong();

  @Override
  public void addSpots(List<SpotId> spots) {
    for (int from = 0; from < spots.size(); from += 10_000) {
      lot.add(spots.subList(from, Math.min(spots.size(), from + 10_000)));
    }
  }

  @Override
  public Outcome start(UserId user, LicensePlate plate) {
    try {
      lot.start(new NewSession(new SessionId("s" + ids.incrementAndGet()), user, plate, NOW));
      return Outcome.PARKED;
    } catch (ParkingException refused) {
      return Outcome.valueOf(refused.failure().code());
    }
  }

  @Override
  public Outcome end(UserId user) {
    try {
      lot.endActiveSessionOf(user, NOW);
      return Outcome.ENDED;
    } catch (ParkingException refused) {
      return Outcome.NO_ACTIVE_SESSION;
    }
  }

  @Override
  public long freeCount() {
    return lot.occupancy().free();
  }

  @Override
  public List<SpotId> firstFree(int limit) {
    return lot.freeSpots(limit);
  }
}
