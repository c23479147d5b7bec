package dev.parkade.adapters.jdbc;

import java.util.Optional;
import java.util.function.Function;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.statement.DefinedAttributeTemplateEngine;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.TemplateEngine;

/**
 * JDBI's template engine for the statements that hold an {@code <attribute>} (a bound list) or a
 * backslash (which that engine reads as an escape), and each other statement's text as written.
 * JDBI's engine renders every statement into a new string at each run, attribute or none, and the
 * parser's cache then hashes that copy again: on the hot path, a start's or an end's whole text,
 * twice per request.
 */
final class AttributeTemplates implements TemplateEngine.Parsing {
  private final DefinedAttributeTemplateEngine attributes = new DefinedAttributeTemplateEngine();

  /** Called once per statement text: JDBI caches what it answers. */
  @Override
  public Optional<Function<StatementContext, String>> parse(
      String template, ConfigRegistry config) {
    if (template.indexOf('<') < 0 && template.indexOf('\\') < 0) {
      return Optional.of(context -> template);
    }
    return attributes.parse(template, config);
  }
}
