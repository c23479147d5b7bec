package dev.parkade.adapters.jdbc;

import dev.parkade.domain.port.IdempotentWritesContract;
import dev.parkade.domain.port.KeyedRequest;
import dev.parkade.domain.port.NewSession;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class H2IdempotentWritesContractTest extends IdempotentWritesContract {
  @RegisterExtension static final TestDatabase DATABASE = TestDatabase.h2();

  @Override
  protected KeyedStorage newStorage(Duration ttl) {
    return IdempotentWritesTests.emptyStorage(DATABASE, ttl);
  }

  @Override
  protected HeldStart holdStart(KeyedStorage storage, KeyedRequest request, NewSession session) {
    return IdempotentWritesTests.holdStart(
        DATABASE,
        storage.keyed(),
        request,
        session,
        "SELECT SESSION_ID()",
        (watcher, holder) ->
            watcher
                    .createQuery(
                        "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE BLOCKER_ID = :h")
                    .bind("h", holder)
                    .mapTo(Long.class)
                    .one()
                > 0);
  }

  @Test
  void purge_deletesExactlyTheExpiredKeys() {
    IdempotentWritesTests.purgeDeletesExactlyTheExpiredKeys(DATABASE);
  }

  @Test
  void aFailedWrite_leavesTheKeyFree() {
    IdempotentWritesTests.aFailedWriteLeavesTheKeyFree(DATABASE);
  }
}
