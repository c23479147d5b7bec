package dev.parkade.bootstrap;

import java.util.Locale;

/** Where Parkade keeps its data, as named by {@code --storage}. */
public enum StorageKind {
  /** Nothing survives the process: for embedding and tests. */
  MEMORY(false),
  /** Embedded H2 in the data directory (or an external H2 by URL): the default. */
  H2(true),
  /** PostgreSQL, shared by any number of server processes. */
  POSTGRES(true);

  private final boolean hasDatabase;

  StorageKind(boolean hasDatabase) {
    this.hasDatabase = hasDatabase;
  }

  /** Whether this kind keeps a database with a schema, which {@code migrate} brings up to date. */
  public boolean hasDatabase() {
    return hasDatabase;
  }

  /** The name used on the command line and in {@code PARKADE_STORAGE}. */
  public String flagValue() {
    return name().toLowerCase(Locale.ROOT);
  }
}
