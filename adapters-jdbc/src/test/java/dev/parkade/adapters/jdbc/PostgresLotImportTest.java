package dev.parkade.adapters.jdbc;

import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresLotImportTest extends LotImportContract {
  @RegisterExtension static final TestDatabase DATABASE = TestDatabase.postgres();

  @Override
  protected TestDatabase database() {
    return DATABASE;
  }
}
