package dev.parkade.adapters.jdbc;

import org.junit.jupiter.api.extension.RegisterExtension;

class H2LotImportTest extends LotImportContract {
  @RegisterExtension static final TestDatabase DATABASE = TestDatabase.h2();

  @Override
  protected TestDatabase database() {
    return DATABASE;
  }
}
