package dev.parkade.application;

import static dev.parkade.domain.port.Fixtures.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import com.sageserpent.americium.java.Trials;
import com.sageserpent.americium.java.TrialsApi;
import com.sageserpent.americium.java.TrialsScaffolding;
import dev.parkade.domain.Facility;
import dev.parkade.domain.FacilityId;
import dev.parkade.domain.Fingerprint;
import dev.parkade.domain.IdempotencyKey;
import dev.parkade.domain.InvalidValueException;
import dev.parkade.domain.LicensePlate;
import dev.parkade.domain.ParkingException;
import dev.parkade.domain.ParkingSession;
import dev.parkade.domain.SessionId;
import dev.parkade.domain.SessionStatus;
import dev.parkade.domain.SpotFeatures;
import dev.parkade.domain.SpotId;
import dev.parkade.domain.UserId;
import dev.parkade.domain.port.IdempotentWrites;
import dev.parkade.domain.port.KeyedRequest;
import dev.parkade.domain.port.Spot;
import dev.parkade.domain.port.SpotFilter;
import dev.parkade.domain.port.StoragePorts;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Random sequences of every use case, from a few users, plates and spots so that they collide,
 * applied to {@link ParkingService} over the adapter under test and over the {@link
 * ReferenceParkingLot}: both must give the same outcome at every step and end in the same state.
 * Americium shrinks a failing sequence to a minimal one and prints it. Some starts and ends are
 * sent under a few keys, the same body or another, through {@link KeyedParking} when the adapter
 * gives {@link #keyedWrites} (against {@link ReferenceIdempotentWrites}), else without their key.
 */
public abstract class ParkingServiceModelProperties {
  private static final int USERS = 4;
  private static final int PLATES = 4;
  private static final int SPOTS = 4;
  private static final int FACILITIES = 3; // the default and two that steps create and delete
  private static final int SESSION_REFS = 12;
  private static final int KEYS = 2; // per user: few, so that retries and reuse are common
  private static final Duration TTL = Duration.ofHours(24);

  /** Fresh, empty storage of the adapter under test. */
  protected abstract StoragePorts newStorage();

  protected void close(StoragePorts storage) {}

  /**
   * The adapter's keyed writes over {@code storage}, whose keys live {@link #TTL}; without them
   * (the default) the keyed steps run without their key on both sides.
   */
  protected Optional<IdempotentWrites> keyedWrites(StoragePorts storage) {
    return Optional.empty();
  }

  /** How many random sequences to try. */
  protected int cases() {
    return 400;
  }

  // ---------------------------------------------------------------- steps

  sealed interface Step {}

  /** A start in facility {@code facility} (0 the default) needing the features of {@code needs}. */
  record Start(int user, int plate, int facility, int needs) implements Step {}

  record EndCurrent(int user) implements Step {}

  /** A start in the default facility under the user's key {@code key}; the plate is the body. */
  record KeyedStart(int user, int plate, int key) implements Step {}

  record KeyedEndCurrent(int user, int key) implements Step {}

  record EndById(int caller, boolean operator, int session) implements Step {}

  record Current(int user) implements Step {}

  record SessionById(int caller, boolean operator, int session) implements Step {}

  record AddSpots(ImmutableList<Integer> spots, int facility, int features) implements Step {}

  record CreateFacility(int facility) implements Step {}

  record DeleteFacility(int facility) implements Step {}

  record CountFacility(int facility) implements Step {}

  /** A filter: {@code facility} -1 for every facility. */
  record AvailableIn(int facility, int features, int limit) implements Step {}

  record ListSpotsIn(int facility, int features, int pageSize) implements Step {}

  record RemoveSpot(int spot) implements Step {}

  record Available(int limit) implements Step {}

  record ListSpots(int pageSize) implements Step {}

  record ListSessions(SessionStatus status, int pageSize) implements Step {}

  private static final TrialsApi API = Trials.api();

  /** Needs and features: mostly none or one feature, so that starts and spots meet. */
  @SuppressWarnings("unchecked") // Americium's alternate takes generic varargs; all Trials<Integer>
  private static final Trials<Integer> FEATURES =
      API.alternate(API.only(0), API.only(0), API.choose(1, 2, 4, 8), API.integers(0, 15));

  @SuppressWarnings("unchecked") // as above
  private static final Trials<Integer> FACILITY =
      API.alternate(API.only(0), API.integers(0, FACILITIES - 1));

  private static Trials<Step> start() {
    return upTo(USERS)
        .flatMap(
            u ->
                upTo(PLATES)
                    .flatMap(
                        p ->
                            FACILITY.flatMap(
                                f -> FEATURES.map(n -> (Step) new Start(u, p, f, n)))));
  }

  private static Trials<Integer> upTo(int exclusive) {
    return API.integers(0, exclusive - 1);
  }

  @SuppressWarnings(
      "unchecked") // Americium's alternate takes generic varargs; all are Trials<Step>
  private static final Trials<Step> STEPS =
      API.alternate(
          start(),
          start(),
          start(),
          upTo(USERS).map(u -> (Step) new EndCurrent(u)),
          upTo(USERS)
              .flatMap(
                  u -> upTo(2).flatMap(p -> upTo(KEYS).map(k -> (Step) new KeyedStart(u, p, k)))),
          upTo(USERS).flatMap(u -> upTo(KEYS).map(k -> (Step) new KeyedEndCurrent(u, k))),
          upTo(USERS)
              .flatMap(
                  u ->
                      API.booleans()
                          .flatMap(
                              op -> upTo(SESSION_REFS).map(s -> (Step) new EndById(u, op, s)))),
          upTo(USERS).map(u -> (Step) new Current(u)),
          upTo(USERS)
              .flatMap(
                  u ->
                      API.booleans()
                          .flatMap(
                              op -> upTo(SESSION_REFS).map(s -> (Step) new SessionById(u, op, s)))),
          API.integers(0, (1 << SPOTS) - 1)
              .flatMap(
                  mask ->
                      FACILITY.flatMap(
                          f -> FEATURES.map(x -> (Step) new AddSpots(spotsOf(mask), f, x)))),
          upTo(FACILITIES).map(f -> (Step) new CreateFacility(f)),
          upTo(FACILITIES).map(f -> (Step) new DeleteFacility(f)),
          upTo(FACILITIES).map(f -> (Step) new CountFacility(f)),
          API.integers(-1, FACILITIES - 1)
              .flatMap(
                  f ->
                      FEATURES.flatMap(
                          x -> API.integers(0, 3).map(l -> (Step) new AvailableIn(f, x, l)))),
          API.integers(-1, FACILITIES - 1)
              .flatMap(
                  f ->
                      FEATURES.flatMap(
                          x -> API.integers(1, 3).map(l -> (Step) new ListSpotsIn(f, x, l)))),
          upTo(SPOTS).map(s -> (Step) new RemoveSpot(s)),
          API.integers(0, 3).map(l -> (Step) new Available(l)),
          API.integers(1, 3).map(l -> (Step) new ListSpots(l)),
          API.choose(SessionStatus.values())
              .flatMap(st -> API.integers(1, 3).map(l -> (Step) new ListSessions(st, l))));

  /** The spots whose bits are set; an empty mask makes an empty (invalid) batch. */
  private static ImmutableList<Integer> spotsOf(int mask) {
    ImmutableList.Builder<Integer> spots = ImmutableList.builder();
    for (int spot = 0; spot < SPOTS; spot++) {
      if ((mask & (1 << spot)) != 0) {
        spots.add(spot);
      }
    }
    return spots.build();
  }

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES) // a broken engine may spin instead of failing
  void serviceOverAdapter_agreesWithSequentialModel_onEveryOutcomeAndFinalState() {
    // Sequences long enough to fill the lot, empty it and fill it again; shrinking shortens them.
    API.integers(1, 80)
        .flatMap(STEPS::immutableListsOfSize)
        .withLimits(
            cases(),
            TrialsScaffolding.OptionalLimits.builder()
                .complexity(10_000)
                .shrinkageAttempts(200)
                .build())
        .supplyTo(this::checkAgainstModel);
  }

  private void checkAgainstModel(ImmutableList<Step> steps) {
    StoragePorts storage = newStorage();
    try {
      Optional<IdempotentWrites> keyed = keyedWrites(storage);
      World real = new World(storage, keyed);
      ReferenceParkingLot modelLot = new ReferenceParkingLot();
      World model =
          new World(
              StoragePorts.of(modelLot),
              keyed.map(k -> new ReferenceIdempotentWrites(modelLot, TTL)));
      for (int i = 0; i < steps.size(); i++) {
        Step step = steps.get(i);
        real.clock.set(T0.plusSeconds(i));
        model.clock.set(T0.plusSeconds(i));
        Object actual = real.run(step);
        startedNow(step, actual)
            .ifPresent(
                started -> {
                  SpotId chosen = started.spotId();
                  // The model checks that it was among the best fitting free spots.
                  modelLot.chooseSpotsWith(bestFitting -> chosen);
                });
        Object expected = model.run(step);
        if (step instanceof Available) {
          assertAvailableAgrees(expected, actual, modelLot, SpotFilter.ALL, i, step);
        } else if (step instanceof AvailableIn s) {
          assertAvailableAgrees(
              expected, actual, modelLot, World.filter(s.facility(), s.features()), i, step);
        } else {
          int index = i;
          assertEquals(expected, actual, () -> "step " + index + " " + step);
        }
      }
      assertEquals(model.finalState(), real.finalState(), "final state");
    } finally {
      close(storage);
    }
  }

  /** The session a start step started now (not a replay), whose spot the model must pick too. */
  private static Optional<ParkingSession> startedNow(Step step, Object outcome) {
    if (!(step instanceof Start) && !(step instanceof KeyedStart)) {
      return Optional.empty();
    }
    if (outcome instanceof ParkingSession started) {
      return Optional.of(started);
    }
    if (outcome instanceof Answered<?> answered && !answered.replayed()) {
      return answered.value().map(ParkingSession.class::cast);
    }
    return Optional.empty();
  }

  /** Which free spots an adapter lists is its own choice; they must be free, distinct, enough. */
  private static void assertAvailableAgrees(
      Object expected,
      Object actual,
      ReferenceParkingLot model,
      SpotFilter filter,
      int index,
      Step step) {
    if (!(expected instanceof AvailableSpots want) || !(actual instanceof AvailableSpots got)) {
      assertEquals(expected, actual, "step " + index + " " + step);
      return;
    }
    assertEquals(want.available(), got.available(), "step " + index + " " + step);
    assertEquals(want.spots().size(), got.spots().size(), "step " + index + " " + step);
    assertEquals(got.spots().size(), new HashSet<>(got.spots()).size(), "distinct " + got);
    assertTrue(
        model.freeSpotSet(filter).containsAll(got.spots()),
        () -> got + " not all free and shown by " + filter);
  }

  /** A service over some storage, with its own clock and ids, running steps as outcomes. */
  private static final class World {
    final MutableClock clock = new MutableClock(T0);
    final ParkingService service;
    final Optional<KeyedParking> keyed;

    World(StoragePorts storage, Optional<? extends IdempotentWrites> writes) {
      CountingSessionIds ids = new CountingSessionIds(); // one sequence, keyed or not
      service = new ParkingService(storage.sessions(), storage.spots(), clock, ids);
      keyed = writes.map(w -> new KeyedParking(w, storage.sessions(), clock, ids));
    }

    /** The result of a step, or the failure code, or the field of an invalid value. */
    Object run(Step step) {
      try {
        return outcome(step);
      } catch (ParkingException refused) {
        return refused.failure();
      } catch (InvalidValueException invalid) {
        return "invalid " + invalid.field();
      } catch (IdempotencyException key) {
        return key.failure();
      }
    }

    private Object outcome(Step step) {
      if (step instanceof Start s) {
        return service.startSession(
            new StartSession(
                user(s.user()),
                plate(s.plate()),
                facility(s.facility()),
                SpotFeatures.ofMask(s.needs())));
      } else if (step instanceof EndCurrent s) {
        return service.endCurrentSession(user(s.user()));
      } else if (step instanceof KeyedStart s) {
        StartSession command = new StartSession(user(s.user()), plate(s.plate()));
        return keyed.isEmpty()
            ? service.startSession(command)
            : keyed
                .get()
                .startSession(request(s.user(), s.key(), "/sessions", "" + s.plate()), command);
      } else if (step instanceof KeyedEndCurrent s) {
        return keyed.isEmpty()
            ? service.endCurrentSession(user(s.user()))
            : keyed.get().endCurrentSession(request(s.user(), s.key(), "/sessions/end", ""));
      } else if (step instanceof EndById s) {
        return service.endSession(caller(s.caller(), s.operator()), session(s.session()));
      } else if (step instanceof Current s) {
        return service.currentSession(user(s.user()));
      } else if (step instanceof SessionById s) {
        return service.session(caller(s.caller(), s.operator()), session(s.session()));
      } else if (step instanceof AddSpots s) {
        return service.addSpots(
            facility(s.facility()),
            SpotFeatures.ofMask(s.features()),
            s.spots().stream().map(World::spot).toList());
      } else if (step instanceof CreateFacility s) {
        return service.createFacility(
            new Facility(
                facility(s.facility()), "F" + s.facility(), Optional.empty(), Optional.empty()));
      } else if (step instanceof DeleteFacility s) {
        service.deleteFacility(facility(s.facility()));
        return "deleted";
      } else if (step instanceof CountFacility s) {
        return service.facility(facility(s.facility()));
      } else if (step instanceof AvailableIn s) {
        return service.availableSpots(filter(s.facility(), s.features()), s.limit());
      } else if (step instanceof ListSpotsIn s) {
        return allSpots(filter(s.facility(), s.features()), s.pageSize());
      } else if (step instanceof RemoveSpot s) {
        service.removeSpot(spot(s.spot()));
        return "removed";
      } else if (step instanceof Available s) {
        return service.availableSpots(s.limit());
      } else if (step instanceof ListSpots s) {
        return allSpots(s.pageSize());
      } else if (step instanceof ListSessions s) {
        return allSessions(s.status(), s.pageSize());
      }
      throw new IllegalArgumentException("unknown step " + step);
    }

    /** The user's key {@code key} on a request to {@code path} with {@code body}, now. */
    private KeyedRequest request(int user, int key, String path, String body) {
      return keyed
          .orElseThrow()
          .request(
              user(user),
              new IdempotencyKey("key-" + key),
              Fingerprint.of("POST", path, body.getBytes(StandardCharsets.UTF_8)));
    }

    List<Object> finalState() {
      return List.of(
          service.occupancy(),
          service.facilities(),
          allSpots(2),
          allSessions(SessionStatus.ACTIVE, 2),
          allSessions(SessionStatus.ENDED, 2));
    }

    /** Every spot, page by page, so that paging itself is compared too. */
    List<Spot> allSpots(int pageSize) {
      return allSpots(SpotFilter.ALL, pageSize);
    }

    List<Spot> allSpots(SpotFilter filter, int pageSize) {
      return walk(
          after -> service.spots(filter, after.map(World::spotId), pageSize),
          page -> page.spots(),
          page -> page.next().map(SpotId::value));
    }

    List<ParkingSession> allSessions(SessionStatus status, int pageSize) {
      return walk(
          after -> service.sessions(status, after, pageSize),
          page -> page.sessions(),
          page -> page.next());
    }

    private static <P, T> List<T> walk(
        Function<Optional<String>, P> fetch,
        Function<P, List<T>> items,
        Function<P, Optional<String>> next) {
      List<T> all = new ArrayList<>();
      Optional<String> after = Optional.empty();
      Set<String> seen = new HashSet<>();
      do {
        P page = fetch.apply(after);
        all.addAll(items.apply(page));
        after = next.apply(page);
        assertTrue(after.isEmpty() || seen.add(after.get()), "a cursor repeated: " + after);
      } while (after.isPresent());
      return all;
    }

    private static UserId user(int n) {
      return new UserId("user-" + n);
    }

    private static LicensePlate plate(int n) {
      return new LicensePlate("pl " + n);
    }

    /** Facility 0 is the default; the others are created and deleted by steps. */
    private static FacilityId facility(int n) {
      return n == 0 ? FacilityId.DEFAULT : new FacilityId("f" + n);
    }

    static SpotFilter filter(int facility, int features) {
      return new SpotFilter(
          facility < 0 ? Optional.empty() : Optional.of(facility(facility)),
          SpotFeatures.ofMask(features));
    }

    private static Caller caller(int n, boolean operator) {
      return new Caller(user(n), operator);
    }

    private static SessionId session(int n) {
      return new SessionId("s-" + (n + 1));
    }

    private static SpotId spot(int n) {
      return new SpotId("S-" + n);
    }

    private static SpotId spotId(String value) {
      return new SpotId(value);
    }
  }
}
