package dev.parkade.application;

import dev.parkade.domain.SessionId;
import java.util.UUID;

/** Where new session ids come from; injected so that tests can make them predictable. */
@FunctionalInterface
public interface SessionIdGenerator {
  SessionId next();

  /** Random UUIDs: unguessable, and unique across processes sharing one database. */
  static SessionIdGenerator randomUuids() {
    return () -> new SessionId(UUID.randomUUID().toString());
  }
}
