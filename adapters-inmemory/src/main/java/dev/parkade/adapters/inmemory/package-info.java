/**
 * The in-memory storage adapter: the three ports (sessions, spots, facilities) on lock-free state,
 * for one process.
 *
 * <h2>State</h2>
 *
 * <ul>
 *   <li>A {@link dev.parkade.adapters.inmemory.SpotSlot} per spot, in the {@link
 *       dev.parkade.adapters.inmemory.Catalogue}: one array sorted by id, replaced whole by each
 *       add. The slot's compare-and-set {@link dev.parkade.adapters.inmemory.SlotState} is the
 *       single source of truth for who holds the spot: a marker (adding, free, removing, gone), or
 *       the {@link dev.parkade.adapters.inmemory.Claim} holding it.
 *   <li>A {@link dev.parkade.adapters.inmemory.Claim} per session, the value of three {@code
 *       ConcurrentHashMap} indexes (by user, by plate, by session id) and the state of its spot.
 *       Its phase says whether the session exists: {@code PENDING -> ACTIVE -> Ending -> Ended}, or
 *       {@code ABORTED}.
 *   <li>A {@link dev.parkade.adapters.inmemory.Site} per facility, in a {@code ConcurrentHashMap}
 *       by id: the facility, one {@link dev.parkade.adapters.inmemory.FreeSpots} per feature class
 *       (16), and the facility's {@link dev.parkade.adapters.inmemory.Tally}, an immutable record
 *       of its total and free spots per class (and whether it is deleted), replaced whole by each
 *       commit that changes the facility.
 *   <li>{@link dev.parkade.adapters.inmemory.FreeSpots}: a lock-free queue holding each free slot
 *       of one facility and class once; each slot names its queue ({@code SpotSlot.home}), which is
 *       also where the spot is and what it has. A start polls the queue of the best fitting class
 *       instead of scanning the lot, so it costs O(1) amortised (at most 16 classes looked at)
 *       whether the lot is empty or 99.9% full; the first N free ids cost O(N).
 *   <li>The {@link dev.parkade.adapters.inmemory.Ledger}: one atomic reference to the last {@link
 *       dev.parkade.adapters.inmemory.Commit}, which carries the total and free spots as of that
 *       change. Reading it is the O(1) free count.
 * </ul>
 *
 * <h2>One commit point per change</h2>
 *
 * A start or an end touches several places (indexes, a spot, the counts), and readers read them
 * without locks, so each change needs one instant at which it takes effect for everyone. That
 * instant is the compare-and-set that makes the change the ledger's last commit, with its counts,
 * and whoever meets it applies the commit's remaining effects (flip the claim's phase, free the
 * spot) and marks it applied. The next change can only commit once the last one is applied, and a
 * reader that finds a claim in flight reads the last commit and then the phase again ({@code
 * Ledger.settle}): either the last commit decides the claim (the reader applies it) or the second
 * read is exact. So no reader ever sees a session without the count that goes with it, nor the
 * reverse.
 *
 * <h2>Linearization points</h2>
 *
 * <ul>
 *   <li><b>start</b> succeeds at its ledger compare-and-set (free - 1 for the lot and for its
 *       spot's class in its facility's tally, claim becomes active). Before that it has entered the
 *       user and plate indexes as {@code PENDING} (readers treat it as absent), settled the ledger,
 *       read its facility's tally, and taken a slot (still counted free) from the queue of the
 *       first class in {@link dev.parkade.domain.BestFit} order that the tally counts a free spot
 *       in. The commit counts from that very tally, so it succeeds only if no commit came between:
 *       at that instant no better fitting spot is free (a spot freed since makes the
 *       compare-and-set fail, and the retry reads the new tally and trades the held slot for one of
 *       the better class). It is refused with {@code USER_HAS_ACTIVE_SESSION} or {@code
 *       VEHICLE_ALREADY_PARKED} at the read that settles the existing holder as active, with {@code
 *       FACILITY_NOT_FOUND} at the read of a missing facility or a tally that says deleted, and
 *       with {@code NO_SPOTS_AVAILABLE} at the read of a tally (after settling the ledger) whose
 *       fitting classes count no free spot; a refused start removes its pending entries, which
 *       nobody could have taken for a session.
 *   <li><b>end</b> is won by the one compare-and-set of the claim's phase from {@code ACTIVE} to
 *       {@code Ending}, so exactly one of two racing ends wins. It takes effect at the ledger
 *       compare-and-set (free + 1, claim ended, spot freed); any thread may perform that commit, so
 *       a loser helps the winner finish before answering {@code SESSION_ALREADY_ENDED}.
 *   <li><b>current session</b>, <b>session by id</b>: at the index read, or, for a claim in flight,
 *       at the second phase read of {@code Ledger.settle}. No locks, no waiting.
 *   <li><b>available count</b>: the single volatile read of the ledger. <b>A facility's counts</b>
 *       (and whether it exists): the read of its tally after settling the ledger. The tally read is
 *       as of the last commit at the settling or of a later one; either was the facility's state at
 *       an instant within the read, because a tally is applied before the next commit can take
 *       place.
 *   <li><b>add spots</b>: at the ledger compare-and-set (total and free + n). Before that, every id
 *       is checked against the catalogue, and only when none is part of the lot is a new catalogue
 *       published with the new slots as {@code ADDING}, invisible to readers; so an add is all or
 *       nothing. Refused with {@code SPOT_EXISTS} at the read of an existing slot that is free or
 *       held, and with {@code FACILITY_NOT_FOUND} at the read of a deleted (or missing) facility's
 *       tally, before publishing or at its commit attempt (its slots then go {@code ADDING ->
 *       GONE}, never part of the lot). <b>remove spot</b>: the slot goes {@code FREE -> REMOVING}
 *       (no start can take it any more), then commits at the ledger (total and free - 1, for the
 *       lot and the spot's class); the slot stays in the catalogue as {@code GONE} until the next
 *       add leaves it out.
 *   <li><b>create facility</b>: at the compare-and-set that puts its site in the map ({@code
 *       putIfAbsent}, or {@code replace} of a site whose deletion has committed); refused with
 *       {@code FACILITY_EXISTS} at the read of a site that is not deleted. <b>delete facility</b>:
 *       at a ledger commit that counts from a tally with no spot in any class and makes it deleted;
 *       applying it removes the site from the map. Why no spot can be left in a deleted facility:
 *       spots join a facility only by an add's commit, which counts from the facility's tally and
 *       gives up when that tally says deleted; commits are serialized by the ledger, so either the
 *       deletion commits first (the add then fails with {@code FACILITY_NOT_FOUND}) or the add does
 *       (the deletion then counts its spots and fails with {@code FACILITY_NOT_EMPTY}). A spot
 *       being removed counts until its removal commits, and a spot held by a session counts always,
 *       so neither can be orphaned either.
 * </ul>
 *
 * <h2>Progress</h2>
 *
 * Reads never wait. Writes never lock anything, and nothing a commit applies can fail (records are
 * built before the commit), so a commit never stays half done. A writer waits only when its outcome
 * depends on a change still in flight: another start of the <em>same</em> user, plate or spot id;
 * or, when the ledger counts free spots but the queue has none, for the starts or removals holding
 * them to commit, or for a thread that freed a spot to queue it; an add, for another add or a
 * removal of one of its ids to commit. All of these are a few instructions away; a waiter spins
 * briefly, then yields, and a start that has waited long (its freer descheduled) takes a free slot
 * straight from the catalogue instead, so no start depends on a stalled thread running again. There
 * is no global lock: the ledger is a single compare-and-set, like any counter.
 *
 * <h2>Invariants</h2>
 *
 * A spot belongs to at most one active session, because a slot's state names one claim; a user and
 * a plate have at most one active session each, because each index holds one claim per key and a
 * claim replaces another only once that one is settled as not active; free + occupied = total,
 * because the ledger changes its counts in the same compare-and-set that commits each change, and
 * each facility's tally is changed by that same commit (applied before the next can take place).
 *
 * <h2>Keyed writes</h2>
 *
 * {@link dev.parkade.adapters.inmemory.InMemoryIdempotentWrites} puts a key in front of the
 * engine's writes rather than inside its commits (ADR 0015): a write claims its (caller, key) in
 * the {@link dev.parkade.adapters.inmemory.KeyTable} with one {@code putIfAbsent}, or a {@code
 * replace} of an expired entry, and only the claimant calls the unchanged engine; it then sets the
 * entry's outcome. This is atomic for every client because only a request with the same key ever
 * observes the key: it finds the entry in flight from before the change's ledger compare-and-set
 * until after it, then the outcome, so it never sees the key free after the change nor an outcome
 * without it. Between the commit and the outcome it is told the first request is in progress, which
 * is true: that one has not answered yet. A fault other than a refusal can only come before the
 * commit (the engine builds everything first), so it frees the key and the retry runs. Completed
 * keys are kept in a ring like the ended history's, so a key is honoured for the shorter of its
 * lifetime and the last {@code capacity} keyed writes; an expired entry is ignored when read, so
 * nothing is purged.
 *
 * <h2>Bounds</h2>
 *
 * Ended sessions are kept up to a limit (constructor argument, 100,000 by default) in a ring
 * written in the order sessions end, as their claims with the end time in the phase (a record is
 * built on read: fewer bytes for every end to carry through young collections); past the limit the
 * oldest is overwritten and is then neither found by id nor listed. Recording an end costs one
 * increment and one write; listing ended sessions sorts a snapshot of the kept history, so a page
 * costs the size of the history (an operator's page, not the hot path). Listings are weakly
 * consistent: each entry is exact when read, a page is not one instant. Active sessions are listed
 * in spot id order by walking the catalogue, so a page costs its size plus the free spots passed
 * over (and removed ones that no add has left out yet). An add copies the catalogue (O(lot)): spots
 * are added by an operator in batches, and the array costs a spot one reference where a skip list
 * cost a node and index entries (ADR 0003; BENCHMARKS.md, section 2, for what each costs).
 */
package dev.parkade.adapters.inmemory;
