package dev.parkade.adapters.jdbc;

import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.extension.RegisterExtension;

class H2ClaimPathTest extends ClaimPathContract {
  @RegisterExtension static final TestDatabase DATABASE = TestDatabase.h2();

  @Override
  TestDatabase database() {
    return DATABASE;
  }

  @Override
  void failLockWaitsQuickly(Handle transaction) {
    transaction.execute("SET LOCK_TIMEOUT 100");
  }
}
