package dev.parkade.adapters.jdbc;

import dev.parkade.domain.SessionId;
import dev.parkade.domain.UserId;
import java.util.Optional;
import org.jdbi.v3.core.statement.Query;

/**
 * Which active session an end is for: by its id or by its user, each a unique column of {@code
 * active_session}; by id, perhaps only if a given user's.
 *
 * @param column the column, one of a fixed few, never caller input
 * @param value what the column must equal
 * @param owner the user the session must be of, if any (by id only): a session of another is not
 *     ended
 */
record ActiveSessionKey(String column, String value, Optional<String> owner) {
  ActiveSessionKey {
    if (owner.isPresent() && !column.equals("id")) {
      throw new IllegalArgumentException("an owner goes only with an id, not with " + column);
    }
  }

  static ActiveSessionKey of(SessionId id) {
    return new ActiveSessionKey("id", id.value(), Optional.empty());
  }

  static ActiveSessionKey of(UserId user) {
    return new ActiveSessionKey("user_id", user.value(), Optional.empty());
  }

  static ActiveSessionKey of(SessionId id, UserId owner) {
    return new ActiveSessionKey("id", id.value(), Optional.of(owner.value()));
  }

  /** {@code query} with this key's {@code :key} bound, and its {@code :owner} if it names one. */
  Query bind(Query query) {
    owner.ifPresent(user -> query.bind("owner", user));
    return query.bind("key", value);
  }

  /** Whether a session of {@code user} may be ended by this key. */
  boolean admits(String user) {
    return owner.map(user::equals).orElse(true);
  }
}
