package dev.parkade.domain;

/**
 * Storage could not do what was asked (the database is down, a connection was lost mid-way, the
 * pool is exhausted): a fault of the server's side, never a client's mistake and never a domain
 * refusal. Whatever was in flight was rolled back, so nothing half-written stays behind; the caller
 * may try again later.
 */
public final class StorageUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StorageUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
