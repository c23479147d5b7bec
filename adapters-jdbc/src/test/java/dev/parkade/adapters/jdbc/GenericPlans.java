package dev.parkade.adapters.jdbc;

import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** What PostgreSQL plans for a statement once its prepared plan has become generic. */
final class GenericPlans {
  private GenericPlans() {}

  /**
   * The plan PostgreSQL keeps for {@code sql} once it is generic, its named parameters numbered in
   * the order given (so a name that begins another, like {@code id} and {@code idemKey}, comes
   * after it).
   */
  static String of(Jdbi jdbi, String sql, List<String> parameters, String types) {
    String numbered = sql;
    for (int i = 0; i < parameters.size(); i++) {
      numbered = numbered.replace(":" + parameters.get(i), "$" + (i + 1));
    }
    String prepared = numbered;
    String nulls = String.join(", ", parameters.stream().map(p -> "NULL").toList());
    return jdbi.withHandle(
        h -> {
          h.execute("SET plan_cache_mode = force_generic_plan");
          h.execute("PREPARE hot_query (" + types + ") AS " + prepared);
          return String.join(
              "\n",
              h.createQuery("EXPLAIN EXECUTE hot_query (" + nulls + ")")
                  .mapTo(String.class)
                  .list());
        });
  }
}
