package dev.parkade.adapters.jdbc;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * How a start claims the first free spot that no other transaction holds, without waiting on
 * anyone's row lock. The row stays locked by the claiming transaction until it ends.
 */
enum SpotClaim {
  /** One statement: PostgreSQL stops at the first row it can lock. */
  SKIP_LOCKED_FIRST {
    @Override
    Optional<String> claim(Handle h) {
      return h.createQuery(
              "SELECT id FROM spot WHERE free = TRUE ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED")
          .mapTo(String.class)
          .findOne();
    }
  },

  /**
   * H2 locks every row a {@code FOR UPDATE} query reads, even past its {@code LIMIT}, so the
   * one-statement claim would lock every free spot and refuse all concurrent starts. Instead: read
   * free candidates without locking, then lock them one at a time, skipping any that another
   * transaction holds or has taken since.
   */
  SKIP_LOCKED_BY_CANDIDATE {
    private static final int CANDIDATES = 16;

    @Override
    Optional<String> claim(Handle h) {
      String after = "";
      for (; ; ) {
        List<String> candidates =
            h.createQuery(
                    "SELECT id FROM spot WHERE free = TRUE AND id > :after ORDER BY id LIMIT :n")
                .bind("after", after)
                .bind("n", CANDIDATES)
                .mapTo(String.class)
                .list();
        for (String candidate : candidates) {
          Optional<String> locked =
              h.createQuery(
                      "SELECT id FROM spot WHERE id = :id AND free = TRUE FOR UPDATE SKIP LOCKED")
                  .bind("id", candidate)
                  .mapTo(String.class)
                  .findOne();
          if (locked.isPresent()) {
            return locked;
          }
        }
        if (candidates.size() < CANDIDATES) {
          return Optional.empty();
        }
        after = candidates.get(candidates.size() - 1);
      }
    }
  };

  abstract Optional<String> claim(Handle h);

  /** The claim that works on the database behind {@code h}. */
  static SpotClaim forDatabase(Handle h) {
    try {
      String product = h.getConnection().getMetaData().getDatabaseProductName();
      return product.toLowerCase(Locale.ROOT).contains("h2")
          ? SKIP_LOCKED_BY_CANDIDATE
          : SKIP_LOCKED_FIRST;
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException("cannot tell which database this is", e);
    }
  }
}
