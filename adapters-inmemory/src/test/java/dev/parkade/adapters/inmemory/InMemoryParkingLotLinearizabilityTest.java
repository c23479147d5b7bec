package dev.parkade.adapters.inmemory;

import static org.jetbrains.lincheck.datastructures.ManagedStrategyGuaranteeKt.forClasses;

import dev.parkade.domain.LicensePlate;
import dev.parkade.domain.ParkingException;
import dev.parkade.domain.ParkingSession;
import dev.parkade.domain.SessionId;
import dev.parkade.domain.SpotId;
import dev.parkade.domain.UserId;
import dev.parkade.domain.port.Fixtures;
import dev.parkade.domain.port.NewSession;
import dev.parkade.domain.port.Occupancy;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.junit.jupiter.api.Test;

/**
 * Lincheck explores interleavings of the engine's operations on a tiny lot and checks every outcome
 * against a sequential specification: the engine must be linearizable.
 *
 * <p>Which free spot a start takes is the engine's choice, so outcomes never name a spot. Spot
 * removal, whose outcome depends on which spot is held, is checked on a one-spot lot where there is
 * no choice.
 */
class InMemoryParkingLotLinearizabilityTest {

  @Test
  void startEndCurrentAndAvailable_areLinearizable_onTwoSpots() {
    options(TwoSpotSpecification.class, 20).check(TwoSpotLot.class);
  }

  @Test
  void sessionsAndSpotInventory_areLinearizable_onOneSpot() {
    // Fewer scenarios: waits on spots in flight make each of them costlier to explore.
    options(OneSpotSpecification.class, 10).check(OneSpotLot.class);
  }

  @Test
  void addsAndRemovals_areLinearizable_onTwoSpotIds() {
    // Adds of one or both ids race on the catalogue; removals leave slots behind that adds drop.
    options(InventorySpecification.class, 20).check(InventoryLot.class);
  }

  private static ModelCheckingOptions options(Class<?> specification, int scenarios) {
    return new ModelCheckingOptions()
        .iterations(scenarios)
        .invocationsPerIteration(120)
        .threads(3)
        .actorsPerThread(3)
        .actorsBefore(2)
        .actorsAfter(2)
        // The JDK's concurrent collections are linearizable per call; exploring their insides
        // only multiplies the interleavings without testing anything of ours.
        .addGuarantee(
            forClasses(ConcurrentHashMap.class.getName(), ConcurrentLinkedQueue.class.getName())
                .allMethods()
                .treatAsAtomic())
        .sequentialSpecification(specification);
  }

  @Param(name = "user", gen = IntGen.class, conf = "1:3")
  @Param(name = "plate", gen = IntGen.class, conf = "1:3")
  public static class TwoSpotLot {
    private final EngineDriver driver = new EngineDriver(2);

    @Operation
    public String start(@Param(name = "user") int user, @Param(name = "plate") int plate) {
      return driver.start(user, plate);
    }

    @Operation
    public String end(@Param(name = "user") int user) {
      return driver.end(user);
    }

    @Operation
    public String current(@Param(name = "user") int user) {
      return driver.current(user);
    }

    @Operation
    public long available() {
      return driver.available();
    }
  }

  @Param(name = "user", gen = IntGen.class, conf = "1:2")
  @Param(name = "plate", gen = IntGen.class, conf = "1:2")
  public static class OneSpotLot {
    private final EngineDriver driver = new EngineDriver(1);

    @Operation
    public String start(@Param(name = "user") int user, @Param(name = "plate") int plate) {
      return driver.start(user, plate);
    }

    @Operation
    public String end(@Param(name = "user") int user) {
      return driver.end(user);
    }

    @Operation
    public long available() {
      return driver.available();
    }

    @Operation
    public String removeSpot() {
      return driver.removeSpot();
    }

    @Operation
    public String addSpot() {
      return driver.addSpot();
    }
  }

  /**
   * Spot inventory alone: ids A and B added (both, or B alone) and removed, and the counts read.
   * Listings are not among the operations: they are weakly consistent by contract (each entry exact
   * when read, a page not one instant), and Lincheck rightly finds a listing that shows A and not
   * yet B while an add of both is being applied.
   */
  public static class InventoryLot {
    private static final SpotId A = new SpotId("A");
    private static final SpotId B = new SpotId("B");
    private final InMemoryParkingLot lot = new InMemoryParkingLot();

    @Operation
    public String addBoth() {
      return add(List.of(B, A));
    }

    @Operation
    public String addB() {
      return add(List.of(B));
    }

    @Operation
    public String removeA() {
      return remove(A);
    }

    @Operation
    public String removeB() {
      return remove(B);
    }

    @Operation
    public String occupancy() {
      Occupancy now = lot.occupancy();
      return now.total() + "/" + now.free();
    }

    private String add(List<SpotId> ids) {
      try {
        lot.add(ids);
        return "added";
      } catch (ParkingException refused) {
        return refused.failure().code() + " " + refused.subject().orElse("");
      }
    }

    private String remove(SpotId id) {
      try {
        lot.remove(id);
        return "removed";
      } catch (ParkingException refused) {
        return refused.failure().code();
      }
    }
  }

  /** The engine behind the operations, answering in the words of the specification. */
  static final class EngineDriver {
    private final InMemoryParkingLot lot = new InMemoryParkingLot();
    private final AtomicLong ids = new AtomicLong();

    EngineDriver(int spots) {
      lot.add(Fixtures.spotIds(spots));
    }

    /** The plate of the new session, or the refusal code. */
    String start(int user, int plate) {
      try {
        NewSession request =
            new NewSession(
                new SessionId("s" + ids.incrementAndGet()), user(user), plate(plate), Fixtures.T0);
        return lot.start(request).plate().value();
      } catch (ParkingException refused) {
        return refused.failure().code();
      }
    }

    String end(int user) {
      try {
        ParkingSession ended = lot.endActiveSessionOf(user(user), Fixtures.T0);
        return "ended " + ended.plate();
      } catch (ParkingException refused) {
        return refused.failure().code();
      }
    }

    /** The plate of the user's active session, or "none". */
    String current(int user) {
      return lot.activeSessionOf(user(user)).map(s -> s.plate().value()).orElse("none");
    }

    long available() {
      return lot.occupancy().free();
    }

    String removeSpot() {
      try {
        lot.remove(ONLY_SPOT);
        return "removed";
      } catch (ParkingException refused) {
        return refused.failure().code();
      }
    }

    String addSpot() {
      try {
        lot.add(List.of(ONLY_SPOT));
        return "added";
      } catch (ParkingException refused) {
        return refused.failure().code();
      }
    }
  }

  private static final SpotId ONLY_SPOT = Fixtures.spotIds(1).get(0);

  /** The rules, one operation at a time, over numbered spots. */
  abstract static class Specification {
    private final Map<Integer, Integer> plateOfUser = new TreeMap<>();
    private final Map<Integer, Integer> userOfPlate = new TreeMap<>();
    private final Map<Integer, Integer> spotOfUser = new TreeMap<>();

    /** Spot number to occupied, for the spots that exist. */
    final Map<Integer, Boolean> spots = new TreeMap<>();

    Specification(int spots) {
      for (int spot = 1; spot <= spots; spot++) {
        this.spots.put(spot, false);
      }
    }

    public String start(int user, int plate) {
      if (plateOfUser.containsKey(user)) {
        return "USER_HAS_ACTIVE_SESSION";
      }
      if (userOfPlate.containsKey(plate)) {
        return "VEHICLE_ALREADY_PARKED";
      }
      Integer free =
          spots.entrySet().stream()
              .filter(e -> !e.getValue())
              .map(Map.Entry::getKey)
              .findFirst()
              .orElse(null);
      if (free == null) {
        return "NO_SPOTS_AVAILABLE";
      }
      spots.put(free, true);
      spotOfUser.put(user, free);
      plateOfUser.put(user, plate);
      userOfPlate.put(plate, user);
      return plate(plate).value();
    }

    public String end(int user) {
      Integer plate = plateOfUser.remove(user);
      if (plate == null) {
        return "NO_ACTIVE_SESSION";
      }
      userOfPlate.remove(plate);
      spots.put(spotOfUser.remove(user), false);
      return "ended " + plate(plate);
    }

    public String current(int user) {
      Integer plate = plateOfUser.get(user);
      return plate == null ? "none" : plate(plate).value();
    }

    public long available() {
      return spots.values().stream().filter(occupied -> !occupied).count();
    }
  }

  /** The inventory's rules: an add is all or nothing and names the first id (in order) taken. */
  public static class InventorySpecification {
    private final TreeSet<String> spots = new TreeSet<>();

    public String addBoth() {
      return add("A", "B");
    }

    public String addB() {
      return add("B");
    }

    public String removeA() {
      return remove("A");
    }

    public String removeB() {
      return remove("B");
    }

    public String occupancy() {
      return spots.size() + "/" + spots.size();
    }

    private String add(String... ids) {
      for (String id : ids) {
        if (spots.contains(id)) {
          return "SPOT_EXISTS " + id;
        }
      }
      spots.addAll(List.of(ids));
      return "added";
    }

    private String remove(String id) {
      return spots.remove(id) ? "removed" : "SPOT_NOT_FOUND";
    }
  }

  public static class TwoSpotSpecification extends Specification {
    public TwoSpotSpecification() {
      super(2);
    }
  }

  public static class OneSpotSpecification extends Specification {
    public OneSpotSpecification() {
      super(1);
    }

    public String removeSpot() {
      Boolean occupied = spots.get(1);
      if (occupied == null) {
        return "SPOT_NOT_FOUND";
      }
      if (occupied) {
        return "SPOT_OCCUPIED";
      }
      spots.remove(1);
      return "removed";
    }

    public String addSpot() {
      if (spots.containsKey(1)) {
        return "SPOT_EXISTS";
      }
      spots.put(1, false);
      return "added";
    }
  }

  private static UserId user(int n) {
    return new UserId("u" + n);
  }

  private static LicensePlate plate(int n) {
    return new LicensePlate("P" + n);
  }
}
