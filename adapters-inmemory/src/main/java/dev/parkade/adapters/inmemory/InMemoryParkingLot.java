package dev.parkade.adapters.inmemory;

import static dev.parkade.domain.ParkingFailure.FACILITY_EXISTS;
import static dev.parkade.domain.ParkingFailure.FACILITY_NOT_EMPTY;
import static dev.parkade.domain.ParkingFailure.FACILITY_NOT_FOUND;
import static dev.parkade.domain.ParkingFailure.NO_ACTIVE_SESSION;
import static dev.parkade.domain.ParkingFailure.SESSION_ALREADY_ENDED;
import static dev.parkade.domain.ParkingFailure.SESSION_NOT_FOUND;
import static dev.parkade.domain.ParkingFailure.SPOT_EXISTS;
import static dev.parkade.domain.ParkingFailure.SPOT_NOT_FOUND;
import static dev.parkade.domain.ParkingFailure.SPOT_OCCUPIED;

import dev.parkade.domain.BestFit;
import dev.parkade.domain.Facility;
import dev.parkade.domain.FacilityId;
import dev.parkade.domain.LicensePlate;
import dev.parkade.domain.ParkingException;
import dev.parkade.domain.ParkingFailure;
import dev.parkade.domain.ParkingSession;
import dev.parkade.domain.SessionId;
import dev.parkade.domain.SpotFeatures;
import dev.parkade.domain.SpotId;
import dev.parkade.domain.StartRefusal;
import dev.parkade.domain.UserId;
import dev.parkade.domain.port.EndedSessionKey;
import dev.parkade.domain.port.FacilityCatalogue;
import dev.parkade.domain.port.FacilityCounts;
import dev.parkade.domain.port.NewSession;
import dev.parkade.domain.port.Occupancy;
import dev.parkade.domain.port.SessionStore;
import dev.parkade.domain.port.Spot;
import dev.parkade.domain.port.SpotFilter;
import dev.parkade.domain.port.SpotInventory;
import dev.parkade.domain.port.SpotState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jspecify.annotations.Nullable;

/**
 * The in-memory storage of one process: both ports over one shared state, with no lock on any path
 * (see the package documentation for the design and why it is correct).
 *
 * <p>Ended sessions are kept up to a bound given at construction (oldest dropped first); a dropped
 * session is no longer found by id nor listed. Nothing survives the process.
 */
public final class InMemoryParkingLot implements SessionStore, SpotInventory, FacilityCatalogue {

  /** How many ended sessions are kept unless told otherwise. */
  public static final int DEFAULT_HISTORY_LIMIT = 100_000;

  /** About a thousand yields: far longer than any commit takes unless its thread is stalled. */
  private static final int RESCUE_AFTER_PAUSES = 1024;

  private final Catalogue catalogue = new Catalogue();
  private final ConcurrentMap<FacilityId, Site> sites = new ConcurrentHashMap<>();
  private final Ledger ledger = new Ledger();
  private final ConcurrentMap<UserId, Claim> byUser = new ConcurrentHashMap<>();
  private final ConcurrentMap<LicensePlate, Claim> byPlate = new ConcurrentHashMap<>();
  private final ConcurrentMap<SessionId, Claim> byId = new ConcurrentHashMap<>();
  private final EndedHistory history;

  public InMemoryParkingLot() {
    this(DEFAULT_HISTORY_LIMIT);
  }

  /**
   * @param historyLimit how many ended sessions to keep, 0 for none
   */
  public InMemoryParkingLot(int historyLimit) {
    this.history = new EndedHistory(historyLimit);
    sites.put(FacilityId.DEFAULT, new Site(Facility.DEFAULT));
  }

  // ---------------------------------------------------------------- sessions

  @Override
  public ParkingSession start(NewSession request) {
    Claim claim = new Claim(request);
    boolean userActive = !enter(byUser, request.userId(), claim);
    boolean plateActive = !userActive && !enter(byPlate, request.plate(), claim);
    refuseIf(claim, userActive, plateActive, false, false);
    if (byId.putIfAbsent(request.id(), claim) != null) {
      abandon(claim);
      throw new IllegalArgumentException("session id " + request.id() + " is already taken");
    }
    return occupyFittingSpot(claim, request.facility(), request.needs());
  }

  /**
   * Makes {@code claim} the holder of {@code key}; {@code false} when an active session holds it.
   * Waits while another start of the same key is in flight, because only its outcome says whether
   * the key is taken.
   */
  private <K> boolean enter(ConcurrentMap<K, Claim> index, K key, Claim claim) {
    for (int pauses = 0; ; ) {
      Claim holder = index.putIfAbsent(key, claim);
      if (holder == null) {
        return true;
      }
      Phase phase = ledger.settle(holder);
      if (phase.isActive()) {
        return false;
      }
      if (phase == Phase.Stage.PENDING) {
        pauses = Backoff.pause(pauses);
      } else if (index.replace(key, holder, claim)) {
        return true; // the holder ended or was refused and had not yet left the index
      }
    }
  }

  /**
   * Takes a free spot of {@code facility} in the best fitting class that counts one free, and
   * commits the start. The facility's tally, read after the ledger is settled, says which class
   * that is ({@link Tally#bestFreeRank}); a spot held from a worse class (a better one was freed
   * since it was taken) is given back for one of the better class, so that at the commit, which
   * counts from that very tally, no better fitting spot is free.
   */
  private ParkingSession occupyFittingSpot(Claim claim, FacilityId facility, SpotFeatures needs) {
    Commit.SessionStarted started = new Commit.SessionStarted(claim);
    for (int pauses = 0; ; ) {
      Commit last = ledger.settled();
      Site site = sites.get(facility);
      Tally tally = site == null ? Tally.EMPTY : site.tally();
      boolean missing = site == null || tally.deleted();
      int rank = missing ? -1 : tally.bestFreeRank(needs);
      if (site == null || rank < 0) {
        giveBack(claim); // holds none: a held spot is counted free, so rank would be >= 0
        refuseIf(claim, false, false, missing, true);
        throw new IllegalStateException("a start with no fitting spot was not refused");
      }
      FreeSpots best = site.free(BestFit.maskAt(needs, rank));
      if (claim.holdsSpot() && claim.spot().home() != best) {
        giveBack(claim);
      }
      if (!claim.holdsSpot()) {
        SpotSlot slot = best.take(claim);
        if (slot == null && pauses >= RESCUE_AFTER_PAUSES) {
          slot = rescueFreeSlot(claim, best);
        }
        if (slot == null) {
          // Free spots of the class are counted but none is queued: each is held by a start or a
          // removal about to commit, or was just freed by a thread about to queue it.
          pauses = Backoff.pause(pauses);
          continue;
        }
        claim.hold(slot);
      }
      // Holding a spot that the tally counts as free, so its free count is >= 1 and this cannot
      // go negative; the commit only fails when another commit came first.
      started.countIn(site, tally, tally.adjust(best.features.mask(), 0, -1));
      if (ledger.commit(last, started, 0, -1)) {
        return claim.activeSession();
      }
    }
  }

  /** Gives back the spot a start holds before its commit, if any: it is free again. */
  private static void giveBack(Claim claim) {
    if (claim.holdsSpot()) {
      SpotSlot held = claim.spot();
      claim.drop();
      held.home().release(held, claim);
    }
  }

  /**
   * Takes a free slot of {@code home} straight from the catalogue. Only for a start that has waited
   * long for the queue: a thread that freed a slot may have been descheduled before queueing it,
   * and the start must not depend on that thread running again. Costs a walk of the lot, so it is
   * the rare way out, never the path.
   */
  private @Nullable SpotSlot rescueFreeSlot(Claim claim, FreeSpots home) {
    for (SpotSlot slot : catalogue.snapshot()) {
      if (slot.home() == home
          && slot.state() == SpotSlot.Marker.FREE
          && slot.transition(SpotSlot.Marker.FREE, claim)) {
        return slot;
      }
    }
    return null;
  }

  /** Undoes the start of {@code claim} when what it found refuses it ({@link StartRefusal}). */
  private void refuseIf(
      Claim claim,
      boolean userActive,
      boolean plateActive,
      boolean facilityMissing,
      boolean noSpotFits) {
    Optional<ParkingFailure> refusal =
        StartRefusal.of(userActive, plateActive, facilityMissing, noSpotFits);
    if (refusal.isPresent()) {
      abandon(claim);
      throw refusal.get().exception();
    }
  }

  /** Undoes a start that holds no spot; nobody has seen it as a session. */
  private void abandon(Claim claim) {
    claim.advance(Phase.Stage.PENDING, Phase.Stage.ABORTED);
    byId.remove(claim.id, claim);
    byPlate.remove(claim.plate, claim);
    byUser.remove(claim.user, claim);
  }

  @Override
  public ParkingSession end(SessionId id, Instant endTime) {
    Claim claim = byId.get(id);
    if (claim == null) {
      throw SESSION_NOT_FOUND.exception();
    }
    return end(claim, endTime);
  }

  /**
   * The claim holds its user, so the owner is checked on it: the port's default would build the
   * session ({@link #find}) only to read its user, then look the claim up again to end it.
   */
  @Override
  public ParkingSession endOwn(SessionId id, UserId owner, Instant endTime) {
    Claim claim = byId.get(id);
    if (claim == null || !claim.user.equals(owner)) {
      throw SESSION_NOT_FOUND.exception();
    }
    return end(claim, endTime);
  }

  private ParkingSession end(Claim claim, Instant endTime) {
    for (; ; ) {
      Phase phase = ledger.settle(claim);
      if (phase == Phase.Stage.ACTIVE) {
        ParkingSession ended = tryEnd(claim, endTime);
        if (ended != null) {
          return ended;
        }
      } else if (phase instanceof Phase.Ending ending) {
        commitEnd(claim, ending); // another ender won; see it through, then lose
        throw SESSION_ALREADY_ENDED.exception();
      } else if (phase instanceof Phase.Ended) {
        throw SESSION_ALREADY_ENDED.exception();
      } else {
        throw SESSION_NOT_FOUND.exception(); // pending or refused: never a session
      }
    }
  }

  @Override
  public ParkingSession endActiveSessionOf(UserId user, Instant endTime) {
    for (; ; ) {
      Claim claim = byUser.get(user);
      if (claim == null) {
        throw NO_ACTIVE_SESSION.exception();
      }
      Phase phase = ledger.settle(claim);
      if (phase == Phase.Stage.ACTIVE) {
        ParkingSession ended = tryEnd(claim, endTime);
        if (ended != null) {
          return ended;
        }
      } else if (phase instanceof Phase.Ending ending) {
        commitEnd(claim, ending); // another ender won; look again afterwards
      } else {
        throw NO_ACTIVE_SESSION.exception();
      }
    }
  }

  /**
   * Ends an active claim if this thread wins the one compare-and-set that decides between enders,
   * then commits, tidies the indexes and keeps the claim in the history; {@code null} when another
   * ender won first. The record is built before the race, so that the commit cannot fail.
   */
  private @Nullable ParkingSession tryEnd(Claim claim, Instant endTime) {
    Phase.Ended outcome = claim.endingAt(endTime);
    ParkingSession ended = claim.endedSession(outcome);
    Phase.Ending ending = new Phase.Ending(outcome);
    if (!claim.advance(Phase.Stage.ACTIVE, ending)) {
      return null;
    }
    commitEnd(claim, ending);
    byUser.remove(claim.user, claim);
    byPlate.remove(claim.plate, claim);
    history.record(claim, dropped -> byId.remove(dropped.id, dropped));
    return ended;
  }

  /** Commits an end that an ender has won; any thread may do it, and it happens once. */
  private void commitEnd(Claim claim, Phase.Ending ending) {
    Commit.SessionEnded change = new Commit.SessionEnded(claim, ending);
    FreeSpots home = claim.spot().home();
    for (; ; ) {
      Commit last = ledger.settled(); // read the ledger before the phase: see Ledger.settle
      Tally tally = home.site.tally();
      change.countIn(home.site, tally, tally.adjust(home.features.mask(), 0, +1));
      if (claim.rawPhase() != ending || ledger.commit(last, change, 0, +1)) {
        return;
      }
    }
  }

  @Override
  public Optional<ParkingSession> activeSessionOf(UserId user) {
    Claim claim = byUser.get(user);
    if (claim == null || !ledger.settle(claim).isActive()) {
      return Optional.empty();
    }
    return Optional.of(claim.activeSession());
  }

  @Override
  public Optional<ParkingSession> find(SessionId id) {
    Claim claim = byId.get(id);
    if (claim == null) {
      return Optional.empty();
    }
    Phase phase = ledger.settle(claim);
    if (phase instanceof Phase.Ended ended) {
      return Optional.of(claim.endedSession(ended));
    }
    return phase.isActive() ? Optional.of(claim.activeSession()) : Optional.empty();
  }

  /**
   * Walks the spots in id order from {@code afterSpot}; costs the page plus the free spots passed
   * over, and the removed ones that the catalogue keeps until the next add. Weakly consistent, like
   * every listing here: each entry is exact when read, but the page is not one instant.
   */
  @Override
  public List<ParkingSession> activeSessions(Optional<SpotId> afterSpot, int limit) {
    List<ParkingSession> page = new ArrayList<>(Math.min(limit, 1024));
    SpotSlot[] slots = catalogue.snapshot();
    for (int i = firstAfter(slots, afterSpot); i < slots.length && page.size() < limit; i++) {
      SlotState state = slots[i].state();
      if (state instanceof Claim claim && ledger.settle(claim).isActive()) {
        page.add(claim.activeSession());
      }
    }
    return page;
  }

  @Override
  public List<ParkingSession> endedSessions(Optional<EndedSessionKey> after, int limit) {
    return history.page(after, limit);
  }

  // ---------------------------------------------------------------- spots

  @Override
  public List<SpotId> add(FacilityId facility, SpotFeatures features, List<SpotId> ids) {
    ledger.settled();
    Site site = sites.get(facility);
    if (site == null || site.tally().deleted()) {
      throw FACILITY_NOT_FOUND.exception();
    }
    FreeSpots home = site.free(features.mask());
    SpotId[] sorted = ids.toArray(new SpotId[0]);
    Arrays.sort(sorted);
    List<SpotSlot> slots = new ArrayList<>(sorted.length);
    for (int i = 0; i < sorted.length; i++) {
      if (i > 0 && sorted[i].equals(sorted[i - 1])) {
        throw new IllegalArgumentException("spot id " + sorted[i] + " is given twice");
      }
      slots.add(new SpotSlot(sorted[i], home, SpotSlot.Marker.ADDING));
    }
    // Nothing is published until no id is taken, so an add is all or nothing.
    for (int pauses = 0; ; ) {
      SpotSlot[] current = catalogue.snapshot();
      SpotSlot undecided = firstUndecided(current, sorted);
      if (undecided == null) {
        if (catalogue.replace(current, Catalogue.merge(current, slots))) {
          break;
        }
      } else if (undecided.state() == SpotSlot.Marker.REMOVING) {
        commitRemoval(undecided);
      } else {
        ledger.settled(); // another add of this id decides first; it may only need applying
        if (undecided.state() == SpotSlot.Marker.ADDING) {
          pauses = Backoff.pause(pauses);
        }
      }
    }
    // The facility may have been deleted since: a deletion commits only while the facility counts
    // no spot, and these are not counted until this commit, which counts from the facility's
    // tally; so of the two, the one that commits first decides.
    Commit added = new Commit.SpotsAdded(slots);
    int mask = features.mask();
    for (; ; ) {
      Commit last = ledger.settled();
      Tally tally = site.tally();
      if (tally.deleted()) {
        for (SpotSlot slot : slots) {
          slot.transition(SpotSlot.Marker.ADDING, SpotSlot.Marker.GONE); // never part of the lot
        }
        throw FACILITY_NOT_FOUND.exception();
      }
      added.countIn(site, tally, tally.adjust(mask, slots.size(), slots.size()));
      if (ledger.commit(last, added, slots.size(), slots.size())) {
        return List.copyOf(ids);
      }
    }
  }

  /**
   * The first slot among {@code current} that has one of the {@code ids} and is being added or
   * removed, so that whether the id is taken depends on a change in flight; {@code null} when every
   * id is free to add.
   *
   * @throws ParkingException {@code SPOT_EXISTS} for an id that is part of the lot
   */
  private static @Nullable SpotSlot firstUndecided(SpotSlot[] current, SpotId[] ids) {
    for (SpotId id : ids) {
      SpotSlot existing = Catalogue.find(current, id);
      if (existing == null) {
        continue;
      }
      SlotState state = existing.state();
      if (state == SpotSlot.Marker.ADDING || state == SpotSlot.Marker.REMOVING) {
        return existing;
      }
      if (state != SpotSlot.Marker.GONE) {
        throw new ParkingException(SPOT_EXISTS, id.value());
      }
    }
    return null;
  }

  @Override
  public void remove(SpotId id) {
    for (int pauses = 0; ; ) {
      SpotSlot slot = Catalogue.find(catalogue.snapshot(), id);
      if (slot == null) {
        throw SPOT_NOT_FOUND.exception();
      }
      SlotState state = slot.state();
      if (state == SpotSlot.Marker.FREE) {
        if (slot.transition(SpotSlot.Marker.FREE, SpotSlot.Marker.REMOVING)) {
          commitRemoval(slot);
          slot.home().forget(slot);
          return;
        }
      } else if (state == SpotSlot.Marker.REMOVING) {
        commitRemoval(slot); // another removal won; see it through, then lose
        throw SPOT_NOT_FOUND.exception();
      } else if (state == SpotSlot.Marker.ADDING) {
        // An add in flight: if it has committed, settling the ledger makes the slot free.
        ledger.settled();
        if (slot.state() == SpotSlot.Marker.ADDING) {
          throw SPOT_NOT_FOUND.exception(); // not committed when the ledger was settled
        }
      } else if (state instanceof Claim claim) {
        if (ledger.settle(claim).isActive()) {
          throw SPOT_OCCUPIED.exception();
        }
        // A start about to commit, or an end freeing the spot: help whatever commit is pending.
        ledger.settled();
        pauses = Backoff.pause(pauses);
      } else {
        throw SPOT_NOT_FOUND.exception(); // gone: the one marker left
      }
    }
  }

  private void commitRemoval(SpotSlot slot) {
    Commit removed = new Commit.SpotRemoved(slot);
    FreeSpots home = slot.home();
    for (; ; ) {
      Commit last = ledger.settled(); // read the ledger before the state: see Ledger.settle
      Tally tally = home.site.tally();
      removed.countIn(home.site, tally, tally.adjust(home.features.mask(), -1, -1));
      if (slot.state() != SpotSlot.Marker.REMOVING || ledger.commit(last, removed, -1, -1)) {
        return;
      }
    }
  }

  @Override
  public Occupancy occupancy() {
    Commit last = ledger.current();
    return new Occupancy(last.total(), last.free());
  }

  @Override
  public Optional<FacilityCounts> counts(FacilityId facility) {
    Site site = sites.get(facility);
    if (site == null) {
      return Optional.empty();
    }
    ledger.settled(); // a commit of this facility may be published and not yet applied
    Tally tally = site.tally();
    return tally.deleted() ? Optional.empty() : Optional.of(tally.counts(facility));
  }

  /**
   * Walks the free indexes of the facilities and classes that {@code filter} shows: the time of
   * {@code limit} and of at most 16 classes per facility, never of the lot.
   */
  @Override
  public List<SpotId> freeSpots(SpotFilter filter, int limit) {
    List<SpotId> ids = new ArrayList<>(Math.min(limit, 1024));
    for (Site site : shownSites(filter)) {
      for (int mask = 0; mask < SpotFeatures.CLASSES && ids.size() < limit; mask++) {
        if (filter.matchesClass(SpotFeatures.ofMask(mask))) {
          site.free(mask).addFirst(ids, limit);
        }
      }
    }
    return ids;
  }

  private List<Site> shownSites(SpotFilter filter) {
    if (filter.facility().isPresent()) {
      Site site = sites.get(filter.facility().get());
      return site == null ? List.of() : List.of(site);
    }
    return List.copyOf(sites.values());
  }

  @Override
  public List<Spot> spots(SpotFilter filter, Optional<SpotId> after, int limit) {
    List<Spot> page = new ArrayList<>(Math.min(limit, 1024));
    SpotSlot[] slots = catalogue.snapshot();
    for (int i = firstAfter(slots, after); i < slots.length && page.size() < limit; i++) {
      SpotSlot slot = slots[i];
      FreeSpots home = slot.home();
      if (!filter.matches(home.facilityId(), home.features)) {
        continue;
      }
      SlotState state = slot.state();
      if (state == SpotSlot.Marker.ADDING || state == SpotSlot.Marker.REMOVING) {
        // An add or a removal may have committed and not yet be applied; once the ledger is
        // settled, a state still in flight had not committed when it was read (as in remove).
        ledger.settled();
        state = slot.state();
      }
      if (state == SpotSlot.Marker.FREE || state == SpotSlot.Marker.REMOVING) {
        page.add(new Spot(slot.id(), SpotState.FREE, home.facilityId(), home.features));
      } else if (state instanceof Claim claim) {
        boolean occupied = ledger.settle(claim).isActive();
        page.add(
            new Spot(
                slot.id(),
                occupied ? SpotState.OCCUPIED : SpotState.FREE,
                home.facilityId(),
                home.features));
      }
    }
    return page;
  }

  // ---------------------------------------------------------------- facilities

  @Override
  public FacilityCatalogue facilities() {
    return this;
  }

  /**
   * Takes effect at the compare-and-set that puts the facility in the map; one whose deletion has
   * committed may be replaced there before that deletion is applied.
   */
  @Override
  public void create(Facility facility) {
    Site fresh = new Site(facility);
    for (; ; ) {
      Site existing = sites.putIfAbsent(facility.id(), fresh);
      if (existing == null) {
        return;
      }
      ledger.settled(); // a deletion of it may be committed and not yet applied
      if (!existing.tally().deleted()) {
        throw FACILITY_EXISTS.exception();
      }
      if (sites.replace(facility.id(), existing, fresh)) {
        return;
      }
    }
  }

  @Override
  public Optional<Facility> find(FacilityId id) {
    Site site = sites.get(id);
    if (site == null) {
      return Optional.empty();
    }
    ledger.settled();
    return site.tally().deleted() ? Optional.empty() : Optional.of(site.facility);
  }

  /** Weakly consistent, like every listing here: each facility is exact when read. */
  @Override
  public List<Facility> all() {
    ledger.settled();
    return sites.values().stream()
        .filter(site -> !site.tally().deleted())
        .map(site -> site.facility)
        .sorted(Comparator.comparing(Facility::id))
        .toList();
  }

  /**
   * Commits at the ledger, from a tally that counts no spot: spots being added are counted only by
   * their add's commit, which then finds the facility deleted and gives up; a spot being removed is
   * counted until its removal commits.
   */
  @Override
  public void delete(FacilityId id) {
    for (; ; ) {
      Commit last = ledger.settled();
      Site site = sites.get(id);
      Tally tally = site == null ? Tally.EMPTY : site.tally();
      if (site == null || tally.deleted()) {
        throw FACILITY_NOT_FOUND.exception();
      }
      if (tally.hasSpots()) {
        throw FACILITY_NOT_EMPTY.exception();
      }
      Commit deleted = new Commit.FacilityDeleted(sites, site);
      deleted.countIn(site, tally, tally.asDeleted());
      if (ledger.commit(last, deleted, 0, 0)) {
        return;
      }
    }
  }

  private static int firstAfter(SpotSlot[] slots, Optional<SpotId> after) {
    return after.isPresent() ? Catalogue.after(slots, after.get()) : 0;
  }
}
