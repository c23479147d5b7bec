package dev.parkade.benchmarks;

import dev.parkade.adapters.inmemory.InMemoryParkingLot;
import dev.parkade.domain.Facility;
import dev.parkade.domain.FacilityId;
import dev.parkade.domain.LicensePlate;
import dev.parkade.domain.SessionId;
import dev.parkade.domain.SpotFeature;
import dev.parkade.domain.SpotFeatures;
import dev.parkade.domain.SpotId;
import dev.parkade.domain.UserId;
import dev.parkade.domain.port.NewSession;
import dev.parkade.domain.port.SpotInventory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The typed lot of issue 14's performance targets, shared by the benchmarks that measure it: in
 * each facility 10% of the spots have EV charging, 5% are accessible, the rest are plain; of every
 * 16 drivers, 8 need nothing, 5 need EV charging and 3 need an accessible spot (the needs of the
 * other half in proportion to the bays, two EV to one accessible).
 */
final class TypedLots {
  static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");
  static final SpotFeatures EV = SpotFeatures.of(SpotFeature.EV_CHARGING);
  static final SpotFeatures ACCESSIBLE = SpotFeatures.of(SpotFeature.ACCESSIBLE);

  /** The feature classes of a facility's spots, and the share of its spots each has. */
  static final SpotFeatures[] CLASSES = {SpotFeatures.NONE, EV, ACCESSIBLE};

  private static final double[] SHARES = {0.85, 0.10, 0.05};

  private TypedLots() {}

  /** What driver {@code i} of a cycle of 16 needs. */
  static SpotFeatures needsOf(int i) {
    int k = i & 15;
    return k < 8 ? SpotFeatures.NONE : k < 13 ? EV : ACCESSIBLE;
  }

  /** How many of {@code spots} spots have class {@code CLASSES[c]}. */
  static int spotsOfClass(int spots, int c) {
    if (c == 0) {
      return spots - spotsOfClass(spots, 1) - spotsOfClass(spots, 2);
    }
    return (int) Math.round(spots * SHARES[c]);
  }

  static FacilityId facility(int f) {
    return f == 0 ? FacilityId.DEFAULT : new FacilityId("f" + f);
  }

  /**
   * A lot of {@code facilities} facilities of {@code spotsPerFacility} spots each in the mix; when
   * {@code typed} is false, the same number of plain spots in the same facilities.
   */
  static void addSpots(
      InMemoryParkingLot lot, int facilities, int spotsPerFacility, boolean typed) {
    int n = 0;
    for (int f = 0; f < facilities; f++) {
      FacilityId facility = facility(f);
      if (f > 0) {
        lot.create(new Facility(facility, "Facility " + f, Optional.empty(), Optional.empty()));
      }
      for (int c = 0; c < CLASSES.length; c++) {
        int count = typed ? spotsOfClass(spotsPerFacility, c) : c == 0 ? spotsPerFacility : 0;
        List<SpotId> ids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
          ids.add(new SpotId(String.format("L%07d", n++)));
        }
        add(lot, facility, CLASSES[c], ids);
      }
    }
  }

  /**
   * Parks fillers in every facility and class: {@code share} of the spots of each class, each
   * filler needing its class (plain fillers need nothing), so that every class is as full as the
   * lot. Fillers are named as {@link MemoryFootprint}'s untyped sessions are (session {@code s<n>},
   * user {@code user-<n>}, plate {@code P<n>}, {@code n} from 1), so that they take as much heap.
   *
   * @return how many fillers were parked
   */
  static int fill(
      InMemoryParkingLot lot, int facilities, int spotsPerFacility, boolean typed, double share) {
    int n = 0;
    for (int f = 0; f < facilities; f++) {
      for (int c = 0; c < CLASSES.length; c++) {
        int count = typed ? spotsOfClass(spotsPerFacility, c) : c == 0 ? spotsPerFacility : 0;
        int held = (int) Math.round(count * share);
        for (int i = 0; i < held; i++) {
          n++;
          lot.start(
              new NewSession(
                  new SessionId("s" + n),
                  new UserId("user-" + n),
                  new LicensePlate("P" + n),
                  NOW,
                  facility(f),
                  CLASSES[c]));
        }
      }
    }
    return n;
  }

  private static void add(
      SpotInventory lot, FacilityId facility, SpotFeatures features, List<SpotId> ids) {
    for (int from = 0; from < ids.size(); from += 10_000) {
      lot.add(facility, features, ids.subList(from, Math.min(ids.size(), from + 10_000)));
    }
  }
}
