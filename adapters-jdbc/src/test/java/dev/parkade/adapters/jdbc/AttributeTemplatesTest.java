package dev.parkade.adapters.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.SqlStatements;
import org.junit.jupiter.api.Test;

class AttributeTemplatesTest {
  private final Jdbi jdbi = Jdbi.create("jdbc:h2:mem:attribute_templates");

  {
    jdbi.getConfig(SqlStatements.class).setTemplateEngine(new AttributeTemplates());
  }

  @Test
  void aStatementWithoutAttributes_runsTheVeryTextItWasGiven() {
    String sql = "SELECT 1 + :two";
    String rendered =
        jdbi.withHandle(
            h -> {
              Query query = h.createQuery(sql).bind("two", 2);
              assertEquals(3, query.mapTo(Integer.class).one());
              return query.getContext().getRenderedSql();
            });
    assertSame(sql, rendered, "not a copy of the text");
  }

  @Test
  void aComparison_goesThroughJdbisEngine_andRunsAsWritten() {
    int below =
        jdbi.withHandle(
            h ->
                h.createQuery("SELECT COUNT(*) FROM (VALUES 1, 2, 3) AS v(x) WHERE x < :three")
                    .bind("three", 3)
                    .mapTo(Integer.class)
                    .one());
    assertEquals(2, below);
  }

  @Test
  void aBoundList_isStillWrittenOut() {
    int found =
        jdbi.withHandle(
            h ->
                h.createQuery("SELECT COUNT(*) FROM (VALUES 1, 2, 3) AS v(x) WHERE x IN (<xs>)")
                    .bindList("xs", List.of(1, 3))
                    .mapTo(Integer.class)
                    .one());
    assertEquals(2, found);
  }
}
