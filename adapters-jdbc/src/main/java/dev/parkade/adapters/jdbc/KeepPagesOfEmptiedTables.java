package dev.parkade.adapters.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.jspecify.annotations.Nullable;

/**
 * Migration 6, on PostgreSQL only: vacuum no longer gives back the empty pages at the end of the
 * two tables that empty in normal use, the keys once the purge has taken them all and the active
 * sessions once the lot is empty.
 *
 * <p>Why: the server keeps a prepared statement's generic plan until something invalidates it. A
 * table that vacuum has cut to no pages at all, and that analyze has then counted empty, makes a
 * sequential scan cost nothing, so a plan made then scans the table instead of its unique index,
 * and keeps scanning it while a morning's writes fill it, until autovacuum next analyzes it. With
 * its pages kept, the emptied table still costs its size to scan, and the index wins. A table that
 * never grew past a few pages can still be planned as a scan; such a scan reads those few pages.
 *
 * <p>Java, not SQL, because H2 has no such setting and the SQL migrations are shared.
 */
final class KeepPagesOfEmptiedTables implements JavaMigration {

  @Override
  public MigrationVersion getVersion() {
    return MigrationVersion.fromVersion("6");
  }

  @Override
  public String getDescription() {
    return "keep pages of emptied tables";
  }

  @Override
  public @Nullable Integer getChecksum() {
    return null;
  }

  @Override
  public boolean canExecuteInTransaction() {
    return true;
  }

  @Override
  public void migrate(Context context) throws SQLException {
    Connection connection = context.getConnection();
    if (!"PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())) {
      return;
    }
    try (Statement sql = connection.createStatement()) {
      sql.execute("ALTER TABLE idempotency_key SET (vacuum_truncate = false)");
      sql.execute("ALTER TABLE active_session SET (vacuum_truncate = false)");
    }
  }
}
