package dev.parkade.adapters.jdbc;

import dev.parkade.domain.SessionId;
import dev.parkade.domain.UserId;

/**
 * Which active session an end is for: by its id or by its user, each a unique column of {@code
 * active_session}.
 *
 * @param column the column, one of a fixed few, never caller input
 * @param value what the column must equal
 */
record ActiveSessionKey(String column, String value) {
  static ActiveSessionKey of(SessionId id) {
    return new ActiveSessionKey("id", id.value());
  }

  static ActiveSessionKey of(UserId user) {
    return new ActiveSessionKey("user_id", user.value());
  }
}
