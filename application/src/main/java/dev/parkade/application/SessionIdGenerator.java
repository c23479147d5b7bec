package dev.parkade.application;

import dev.parkade.domain.SessionId;

/** Where new session ids come from; injected so that tests can make them predictable. */
@FunctionalInterface
public interface SessionIdGenerator {
  SessionId next();

  /**
   * Random version-4 UUIDs: unguessable, and unique across processes sharing one database. Each
   * thread draws from a strong generator of its own ({@link RandomUuids}).
   */
  static SessionIdGenerator randomUuids() {
    return () -> new SessionId(RandomUuids.next().toString());
  }
}
