package dev.parkade.adapters.jdbc;

import dev.parkade.domain.port.IdempotentWrites;
import dev.parkade.domain.port.IdempotentWritesContract;
import dev.parkade.domain.port.KeyedRequest;
import dev.parkade.domain.port.NewSession;
import java.time.Duration;
import org.jdbi.v3.core.Handle;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The contract on PostgreSQL, with every race run by two processes: half the racers go through a
 * second pool and adapter on the same database, so only the database can tell them apart.
 */
class PostgresIdempotentWritesContractTest extends IdempotentWritesContract {
  @RegisterExtension static final TestDatabase DATABASE = TestDatabase.postgres();

  private static @Nullable JdbcStorage secondNode;

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
        "SELECT pg_backend_pid()",
        PostgresIdempotentWritesContractTest::blockedBy);
  }

  static boolean blockedBy(Handle watcher, int holderPid) {
    return watcher
        .createQuery(
            "SELECT EXISTS (SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                + " AND :holder = ANY (pg_blocking_pids(pid)))")
        .bind("holder", holderPid)
        .mapTo(Boolean.class)
        .one();
  }

  @Override
  protected IdempotentWrites racer(KeyedStorage storage, int n) {
    return n % 2 == 0 ? storage.keyed() : secondNode().idempotentWrites(TTL);
  }

  private static synchronized JdbcStorage secondNode() {
    if (secondNode == null) {
      secondNode = DATABASE.anotherNode();
    }
    return secondNode;
  }
}
