package dev.parkade.adapters.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.tags.Tag;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The served document is valid OpenAPI (swagger-parser's validation) and keeps the rules that
 * client generators and Redocly's recommended set care about (ADR 0014): any finding fails.
 */
class OpenApiLintTest {
  private static final Pattern OPERATION_ID = Pattern.compile("[a-z][A-Za-z0-9]*");
  private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([^}]+)}");

  @RegisterExtension final RunningApi api = new RunningApi(0);

  @Test
  void theServedDocument_hasNoFinding() {
    String served = api.client().get("/openapi.json", null).body();
    ParseOptions options = new ParseOptions();
    options.setResolve(false);
    SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(served, null, options);
    List<String> findings = new ArrayList<>(parsed.getMessages());
    OpenAPI document = parsed.getOpenAPI();
    if (document == null) {
      findings.add("the document does not parse");
    } else {
      findings.addAll(findings(document, served));
    }
    assertEquals(List.of(), findings);
  }

  private static List<String> findings(OpenAPI document, String served) {
    List<String> findings = new ArrayList<>();
    if (document.getInfo().getLicense() == null
        || document.getInfo().getLicense().getUrl() == null) {
      findings.add("info: a license with a url");
    }
    if (document.getServers() == null || document.getServers().isEmpty()) {
      findings.add("servers: at least one");
    }
    Set<String> tags =
        document.getTags() == null
            ? Set.of()
            : document.getTags().stream().map(Tag::getName).collect(Collectors.toSet());
    document.getTags().stream()
        .filter(tag -> tag.getDescription() == null || tag.getDescription().isBlank())
        .forEach(tag -> findings.add("tag " + tag.getName() + ": a description"));
    Set<String> operationIds = new HashSet<>();
    for (Map.Entry<String, PathItem> path : document.getPaths().entrySet()) {
      for (Map.Entry<PathItem.HttpMethod, Operation> entry :
          path.getValue().readOperationsMap().entrySet()) {
        String where = entry.getKey() + " " + path.getKey();
        findings.addAll(operationFindings(where, path, entry.getValue(), tags, operationIds));
      }
    }
    document
        .getComponents()
        .getSchemas()
        .keySet()
        .forEach(
            name -> {
              if (!served.contains("\"#/components/schemas/" + name + "\"")) {
                findings.add("components.schemas." + name + ": unused");
              }
            });
    return findings;
  }

  private static List<String> operationFindings(
      String where,
      Map.Entry<String, PathItem> path,
      Operation operation,
      Set<String> tags,
      Set<String> operationIds) {
    List<String> findings = new ArrayList<>();
    String id = operation.getOperationId();
    if (id == null || !OPERATION_ID.matcher(id).matches()) {
      findings.add(where + ": an operationId in lower camel case");
    } else if (!operationIds.add(id)) {
      findings.add(where + ": operationId " + id + " is used twice");
    }
    if (operation.getSummary() == null || operation.getSummary().isBlank()) {
      findings.add(where + ": a summary");
    }
    if (operation.getSecurity() == null) {
      findings.add(where + ": security declared ([] when public)");
    }
    if (operation.getTags() == null || !tags.containsAll(operation.getTags())) {
      findings.add(where + ": tags that the document declares");
    }
    Set<String> statuses = operation.getResponses().keySet();
    if (statuses.stream().noneMatch(s -> s.startsWith("2"))) {
      findings.add(where + ": a 2XX response");
    }
    if (statuses.stream().noneMatch(s -> s.startsWith("4"))) {
      findings.add(where + ": a 4XX response");
    }
    for (Map.Entry<String, ApiResponse> response : operation.getResponses().entrySet()) {
      Content content = response.getValue().getContent();
      if (content != null && content.values().stream().anyMatch(m -> m.getSchema() == null)) {
        findings.add(where + " " + response.getKey() + ": a schema for every body");
      }
    }
    Set<String> declared = new HashSet<>();
    if (path.getValue().getParameters() != null) {
      path.getValue().getParameters().forEach(p -> declared.add(p.getName()));
    }
    if (operation.getParameters() != null) {
      operation.getParameters().forEach(p -> declared.add(p.getName()));
    }
    Matcher parameter = PATH_PARAMETER.matcher(path.getKey());
    while (parameter.find()) {
      if (!declared.contains(parameter.group(1))) {
        findings.add(where + ": path parameter " + parameter.group(1) + " declared");
      }
    }
    return findings;
  }
}
