package dev.parkade.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parkade.domain.BestFit;
import dev.parkade.domain.Facility;
import dev.parkade.domain.FacilityId;
import dev.parkade.domain.LicensePlate;
import dev.parkade.domain.ParkingException;
import dev.parkade.domain.ParkingSession;
import dev.parkade.domain.SessionId;
import dev.parkade.domain.SessionStatus;
import dev.parkade.domain.SpotFeature;
import dev.parkade.domain.SpotFeatures;
import dev.parkade.domain.SpotId;
import dev.parkade.domain.UserId;
import dev.parkade.domain.port.FacilityCounts;
import dev.parkade.domain.port.Fixtures;
import dev.parkade.domain.port.Occupancy;
import dev.parkade.domain.port.Spot;
import dev.parkade.domain.port.SpotState;
import dev.parkade.domain.port.StoragePorts;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Many threads fight over a small lot through {@link ParkingService}, released together by a
 * barrier; then the invariants must hold and every outcome must be one the contract allows.
 *
 * <p>The lot is split between two facilities, with spots of several feature classes, and starts
 * name a facility (now and then one that does not exist) and random needs: every session must hold
 * a spot of its facility that fits its needs ({@link BestFit#fits}, so accessible spots only go to
 * starts needing them), and the counts of each facility and class must add up as the lot's do.
 */
public abstract class ParkingServiceStress {
  private static final Set<String> ALLOWED_OUTCOMES =
      Set.of(
          "start OK",
          "start USER_HAS_ACTIVE_SESSION",
          "start VEHICLE_ALREADY_PARKED",
          "start NO_SPOTS_AVAILABLE",
          "start FACILITY_NOT_FOUND",
          "end-current OK",
          "end-current NO_ACTIVE_SESSION",
          "end-by-id OK",
          "end-by-id SESSION_NOT_FOUND",
          "facility-counts OK",
          "end-by-id SESSION_ALREADY_ENDED",
          "current OK",
          "current NO_ACTIVE_SESSION",
          "occupancy OK");

  /** Outcomes that show the lot was really fought over; each must occur at least once. */
  private static final Set<String> REQUIRED_OUTCOMES =
      Set.of(
          "start OK",
          "start USER_HAS_ACTIVE_SESSION",
          "start VEHICLE_ALREADY_PARKED",
          "start NO_SPOTS_AVAILABLE",
          "end-current OK",
          "end-current NO_ACTIVE_SESSION",
          "end-by-id OK",
          "end-by-id SESSION_ALREADY_ENDED");

  private static final FacilityId EAST = new FacilityId("east");
  private static final FacilityId[] FACILITIES = {
    FacilityId.DEFAULT, EAST, FacilityId.DEFAULT, EAST, new FacilityId("nowhere")
  };

  /** The features of spot i are {@code LAYOUT[i % 8]}; even spots are the default's, odd east's. */
  private static final SpotFeatures[] LAYOUT = {
    SpotFeatures.NONE,
    SpotFeatures.NONE,
    SpotFeatures.of(SpotFeature.EV_CHARGING),
    SpotFeatures.of(SpotFeature.EV_CHARGING),
    SpotFeatures.of(SpotFeature.ACCESSIBLE),
    SpotFeatures.of(SpotFeature.WIDE),
    SpotFeatures.NONE,
    SpotFeatures.of(SpotFeature.EV_CHARGING, SpotFeature.ACCESSIBLE)
  };

  /** What starts need: half of them nothing. */
  private static final SpotFeatures[] NEEDS = {
    SpotFeatures.NONE,
    SpotFeatures.NONE,
    SpotFeatures.NONE,
    SpotFeatures.of(SpotFeature.EV_CHARGING),
    SpotFeatures.of(SpotFeature.ACCESSIBLE),
    SpotFeatures.of(SpotFeature.WIDE)
  };

  private final AtomicReferenceArray<SessionId> recentlyStarted = new AtomicReferenceArray<>(16);

  protected abstract StoragePorts newStorage();

  protected void close(StoragePorts storage) {}

  protected int threads() {
    return 32;
  }

  protected int operations() {
    return 1_000_000;
  }

  protected int spots() {
    return 16;
  }

  protected int users() {
    return 64;
  }

  protected int plates() {
    return 48;
  }

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES) // a broken engine may spin instead of failing
  void manyThreadsOnSmallLot_keepEveryInvariant_andEveryOutcomeIsAccountedFor() throws Exception {
    StoragePorts storage = newStorage();
    try {
      ParkingService service =
          new ParkingService(
              storage.sessions(), storage.spots(), Clock.systemUTC(), new CountingSessionIds());
      service.createFacility(new Facility(EAST, "East", Optional.empty(), Optional.empty()));
      List<SpotId> ids = Fixtures.spotIds(spots());
      for (int i = 0; i < ids.size(); i++) {
        service.addSpots(facilityOf(i), LAYOUT[i % LAYOUT.length], List.of(ids.get(i)));
      }
      for (int i = 0; i < recentlyStarted.length(); i++) {
        recentlyStarted.set(i, new SessionId("never-started-" + i));
      }

      Map<String, Long> outcomes = hammer(service);

      System.out.printf(
          "%s on %d spots, %d threads: %s%n",
          getClass().getSimpleName(), spots(), threads(), new TreeMap<>(outcomes));
      assertEveryOutcomeAccountedFor(outcomes);
      assertInvariants(service, outcomes);
    } finally {
      close(storage);
    }
  }

  private static FacilityId facilityOf(int spot) {
    return spot % 2 == 0 ? FacilityId.DEFAULT : EAST;
  }

  /** Where spot {@code id} is, and what it has, as the lot was laid out. */
  private static Spot layoutOf(SpotId id, List<SpotId> ids, SpotState state) {
    int i = ids.indexOf(id);
    assertTrue(i >= 0, "not a spot of the lot: " + id);
    return new Spot(id, state, facilityOf(i), LAYOUT[i % LAYOUT.length]);
  }

  private Map<String, Long> hammer(ParkingService service) throws Exception {
    int threads = threads();
    int perThread = operations() / threads;
    CyclicBarrier startTogether = new CyclicBarrier(threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Map<String, Long>>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        SplittableRandom random = new SplittableRandom(0x5EED + t);
        results.add(
            pool.submit(
                () -> {
                  Map<String, Long> counts = new HashMap<>();
                  startTogether.await();
                  for (int i = 0; i < perThread; i++) {
                    counts.merge(step(service, random), 1L, Long::sum);
                  }
                  return counts;
                }));
      }
      Map<String, Long> total = new HashMap<>();
      for (Future<Map<String, Long>> result : results) {
        result.get(10, TimeUnit.MINUTES).forEach((k, v) -> total.merge(k, v, Long::sum));
      }
      return total;
    } finally {
      pool.shutdownNow();
    }
  }

  /** One random operation; answers "kind outcome". */
  private String step(ParkingService service, SplittableRandom random) {
    UserId user = new UserId("user-" + random.nextInt(users()));
    int dice = random.nextInt(100);
    String kind = "?";
    try {
      if (dice < 40) {
        kind = "start";
        LicensePlate plate = new LicensePlate("PL-" + random.nextInt(plates()));
        FacilityId facility = FACILITIES[random.nextInt(FACILITIES.length)];
        SpotFeatures needs = NEEDS[random.nextInt(NEEDS.length)];
        ParkingSession started =
            service.startSession(new StartSession(user, plate, facility, needs));
        assertTrue(started.isActive() && started.userId().equals(user), started::toString);
        assertEquals(facility, started.facilityId(), started::toString);
        assertTrue(BestFit.fits(needs, started.spotFeatures()), () -> needs + " got " + started);
        recentlyStarted.set(random.nextInt(recentlyStarted.length()), started.id());
      } else if (dice < 70) {
        kind = "end-current";
        ParkingSession ended = service.endCurrentSession(user);
        assertTrue(!ended.isActive() && ended.userId().equals(user), ended::toString);
      } else if (dice < 80) {
        kind = "end-by-id";
        // Recently started sessions, so that ends by id race with each other and with drivers.
        SessionId id = recentlyStarted.get(random.nextInt(recentlyStarted.length()));
        service.endSession(Caller.operator(new UserId("operator")), id);
      } else if (dice < 90) {
        kind = "current";
        ParkingSession current = service.currentSession(user);
        assertTrue(current.isActive() && current.userId().equals(user), current::toString);
      } else if (dice < 93) {
        kind = "facility-counts";
        boolean east = random.nextBoolean();
        FacilityCounts counts = service.occupancy(east ? EAST : FacilityId.DEFAULT);
        // Even spots are the default's, odd ones east's.
        assertEquals(
            east ? spots() / 2 : (spots() + 1) / 2, counts.all().total(), counts::toString);
      } else {
        kind = "occupancy";
        Occupancy occupancy = service.occupancy();
        assertEquals(spots(), occupancy.total(), occupancy::toString);
      }
      return kind + " OK";
    } catch (ParkingException refused) {
      return kind + " " + refused.failure().code();
    }
  }

  private void assertEveryOutcomeAccountedFor(Map<String, Long> outcomes) {
    long total = outcomes.values().stream().mapToLong(Long::longValue).sum();
    assertEquals((long) operations() / threads() * threads(), total, "every operation counted");
    assertTrue(ALLOWED_OUTCOMES.containsAll(outcomes.keySet()), "unexpected outcome: " + outcomes);
    Set<String> missing = new HashSet<>(REQUIRED_OUTCOMES);
    missing.removeAll(outcomes.keySet());
    assertTrue(missing.isEmpty(), "never happened, so the lot was not fought over: " + missing);
  }

  private void assertInvariants(ParkingService service, Map<String, Long> outcomes) {
    Occupancy occupancy = service.occupancy();
    List<Spot> spots = allSpots(service);
    List<ParkingSession> active = allActive(service);

    assertEquals(spots(), occupancy.total(), "total");
    assertEquals(spots(), spots.size(), "spots listed");
    long freeListed = spots.stream().filter(s -> s.state() == SpotState.FREE).count();
    assertEquals(occupancy.free(), freeListed, "free count against the listing");
    assertEquals(occupancy.occupied(), active.size(), "occupied count against active sessions");

    assertDistinct("spot", active.stream().map(ParkingSession::spotId).toList());
    assertDistinct("user", active.stream().map(ParkingSession::userId).toList());
    assertDistinct("plate", active.stream().map(ParkingSession::plate).toList());
    assertEquals(
        spots.stream()
            .filter(s -> s.state() == SpotState.OCCUPIED)
            .map(Spot::id)
            .collect(Collectors.toSet()),
        active.stream().map(ParkingSession::spotId).collect(Collectors.toSet()),
        "occupied spots are exactly the spots of active sessions");
    assertEquals(
        spots.stream()
            .filter(s -> s.state() == SpotState.FREE)
            .map(Spot::id)
            .collect(Collectors.toSet()),
        Set.copyOf(service.availableSpots(Math.max(1, spots())).spots()),
        "the free index holds exactly the free spots");

    long started = outcomes.getOrDefault("start OK", 0L);
    long ended =
        outcomes.getOrDefault("end-current OK", 0L) + outcomes.getOrDefault("end-by-id OK", 0L);
    assertEquals(started - ended, active.size(), "starts minus ends equals active sessions");

    for (ParkingSession session : active) {
      assertEquals(session, service.currentSession(session.userId()), "current session");
    }

    List<SpotId> ids = Fixtures.spotIds(spots());
    for (Spot spot : spots) {
      assertEquals(layoutOf(spot.id(), ids, spot.state()), spot, "a spot kept its place");
    }
    for (ParkingSession session : active) {
      Spot held = layoutOf(session.spotId(), ids, SpotState.OCCUPIED);
      assertEquals(held.facility(), session.facilityId(), session::toString);
      assertEquals(held.features(), session.spotFeatures(), session::toString);
    }
    for (FacilityId facility : List.of(FacilityId.DEFAULT, EAST)) {
      long[] total = new long[SpotFeatures.CLASSES];
      long[] free = new long[SpotFeatures.CLASSES];
      for (Spot spot : spots) {
        if (spot.facility().equals(facility)) {
          total[spot.features().mask()]++;
          free[spot.features().mask()] += spot.state() == SpotState.FREE ? 1 : 0;
        }
      }
      assertEquals(
          new FacilityCounts(facility, total, free),
          service.occupancy(facility),
          "the counts of " + facility + " per class against the listing");
    }
  }

  private static void assertDistinct(String what, List<?> values) {
    assertEquals(values.size(), new HashSet<>(values).size(), "a " + what + " twice: " + values);
  }

  private static List<Spot> allSpots(ParkingService service) {
    List<Spot> all = new ArrayList<>();
    Optional<SpotId> after = Optional.empty();
    do {
      var page = service.spots(after, 1000);
      all.addAll(page.spots());
      after = page.next();
    } while (after.isPresent());
    return all;
  }

  private static List<ParkingSession> allActive(ParkingService service) {
    List<ParkingSession> all = new ArrayList<>();
    Optional<String> after = Optional.empty();
    do {
      var page = service.sessions(SessionStatus.ACTIVE, after, 1000);
      all.addAll(page.sessions());
      after = page.next();
    } while (after.isPresent());
    return all;
  }
}
