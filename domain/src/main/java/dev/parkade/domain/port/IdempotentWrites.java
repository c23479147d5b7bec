package dev.parkade.domain.port;

import dev.parkade.domain.Facility;
import dev.parkade.domain.FacilityId;
import dev.parkade.domain.ParkingFailure;
import dev.parkade.domain.SessionId;
import dev.parkade.domain.SpotFeatures;
import dev.parkade.domain.SpotId;
import dev.parkade.domain.UserId;
import java.time.Instant;
import java.util.List;

/**
 * The writes of {@link SessionStore}, {@link SpotInventory} and {@link FacilityCatalogue}, each
 * under a caller's {@link KeyedRequest#key() key}, over the same state as those ports. The key's
 * record is written in the change's own atomic unit: whoever asks under that key sees either
 * neither or both, and after a crash both exist or neither does. Across processes sharing a
 * database, a key is honoured whichever process the retry reaches.
 *
 * <p>Each method answers as {@link KeyedAnswer} says: with the key unknown, absent or expired it
 * runs the write ({@link KeyedAnswer.Fresh}, its refusal included as {@link WriteOutcome.Refused});
 * with the key holding an outcome of an equal fingerprint it runs nothing and gives that outcome
 * ({@link KeyedAnswer.Replayed}); with another fingerprint, {@link KeyedAnswer.Reused}; and while
 * another request with the key is inside its change, {@link KeyedAnswer.InProgress} at once. A
 * write that fails with a storage fault leaves the key free. A key expires {@code ttl} after it was
 * created (the adapter is given the ttl); a replay does not extend it.
 *
 * <p>Without a key, writes go through the other ports and run exactly as before.
 */
public interface IdempotentWrites {

  /** {@link SessionStore#start}: the outcome is {@code Started} or {@code Refused}. */
  KeyedAnswer start(KeyedRequest request, NewSession session);

  /** {@link SessionStore#end}, at {@link KeyedRequest#at()}: {@code Ended} or {@code Refused}. */
  KeyedAnswer end(KeyedRequest request, SessionId id);

  /** {@link SessionStore#endActiveSessionOf}, at {@link KeyedRequest#at()}. */
  KeyedAnswer endActiveSessionOf(KeyedRequest request, UserId user);

  /** {@link SpotInventory#add}: {@code Done} or {@code Refused}. */
  KeyedAnswer add(
      KeyedRequest request, FacilityId facility, SpotFeatures features, List<SpotId> ids);

  /** {@link SpotInventory#remove}: {@code Done} or {@code Refused}. */
  KeyedAnswer remove(KeyedRequest request, SpotId id);

  /** {@link FacilityCatalogue#create}: {@code Done} or {@code Refused}. */
  KeyedAnswer create(KeyedRequest request, Facility facility);

  /** {@link FacilityCatalogue#delete}: {@code Done} or {@code Refused}. */
  KeyedAnswer delete(KeyedRequest request, FacilityId id);

  /**
   * Stores a refusal decided before storage (a session the caller may not see), so that it replays
   * like any other: {@code Refused(failure)}, or what the key already holds.
   */
  KeyedAnswer refuse(KeyedRequest request, ParkingFailure failure);

  /**
   * Forgets up to {@code max} keys expired at {@code now}, without blocking any write; returns how
   * many it forgot. Storage that bounds its keys otherwise may forget none.
   */
  int purgeExpired(Instant now, int max);
}
