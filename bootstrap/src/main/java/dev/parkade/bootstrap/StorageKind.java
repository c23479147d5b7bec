package dev.parkade.bootstrap;

import java.util.Locale;

/** Where Parkade keeps its data, as named by {@code --storage}. */
public enum StorageKind {
  /** Nothing survives the process: for embedding and tests. */
  MEMORY,
  /** Embedded H2 in the data directory (or an external H2 by URL): the default. */
  H2,
  /** PostgreSQL, shared by any number of server processes. */
  POSTGRES;

  /** The name used on the command line and in {@code PARKADE_STORAGE}. */
  public String flagValue() {
    return name().toLowerCase(Locale.ROOT);
  }
}
