package dev.parkade.adapters.jdbc;

import dev.parkade.domain.Facility;
import dev.parkade.domain.FacilityId;
import dev.parkade.domain.ParkingFailure;
import dev.parkade.domain.SessionId;
import dev.parkade.domain.SpotFeatures;
import dev.parkade.domain.SpotId;
import dev.parkade.domain.UserId;
import dev.parkade.domain.port.IdempotentWrites;
import dev.parkade.domain.port.KeyedAnswer;
import dev.parkade.domain.port.KeyedRequest;
import dev.parkade.domain.port.NewSession;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** {@link TwoNodes}' keyed writes: every call goes to either node's at random, as a retry may. */
final class TwoNodesKeyed implements IdempotentWrites {
  private final IdempotentWrites first;
  private final IdempotentWrites second;

  TwoNodesKeyed(IdempotentWrites first, IdempotentWrites second) {
    this.first = first;
    this.second = second;
  }

  private IdempotentWrites any() {
    return ThreadLocalRandom.current().nextBoolean() ? first : second;
  }

  @Override
  public KeyedAnswer start(KeyedRequest request, NewSession session) {
    return any().start(request, session);
  }

  @Override
  public KeyedAnswer end(KeyedRequest request, SessionId id) {
    return any().end(request, id);
  }

  @Override
  public KeyedAnswer endActiveSessionOf(KeyedRequest request, UserId user) {
    return any().endActiveSessionOf(request, user);
  }

  @Override
  public KeyedAnswer add(
      KeyedRequest request, FacilityId facility, SpotFeatures features, List<SpotId> ids) {
    return any().add(request, facility, features, ids);
  }

  @Override
  public KeyedAnswer remove(KeyedRequest request, SpotId id) {
    return any().remove(request, id);
  }

  @Override
  public KeyedAnswer create(KeyedRequest request, Facility facility) {
    return any().create(request, facility);
  }

  @Override
  public KeyedAnswer delete(KeyedRequest request, FacilityId id) {
    return any().delete(request, id);
  }

  @Override
  public KeyedAnswer refuse(KeyedRequest request, ParkingFailure failure) {
    return any().refuse(request, failure);
  }

  @Override
  public int purgeExpired(Instant now, int max) {
    return any().purgeExpired(now, max);
  }
}
