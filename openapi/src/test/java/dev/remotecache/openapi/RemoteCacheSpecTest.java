package dev.remotecache.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Holds the handwritten document to the standard generators in every language rely on. */
class RemoteCacheSpecTest {

  private static SwaggerParseResult parse() {
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    return new OpenAPIParser().readContents(RemoteCacheSpec.text(), null, options);
  }

  @Test
  void parsesWithoutAnyMessage() {
    SwaggerParseResult result = parse();
    assertNotNull(result.getOpenAPI(), "the document does not parse");
    assertEquals(List.of(), result.getMessages(), "the parser has complaints");
    assertEquals("3.0.3", result.getOpenAPI().getOpenapi());
  }

  @Test
  void everyOperationIsNamedTaggedAndSecured() {
    OpenAPI api = parse().getOpenAPI();
    List<String> problems = new ArrayList<>();
    api.getPaths()
        .forEach(
            (path, item) ->
                item.readOperationsMap()
                    .forEach(
                        (method, op) -> {
                          String where = method + " " + path;
                          if (op.getOperationId() == null)
                            problems.add(where + " has no operationId");
                          if (op.getTags() == null || op.getTags().isEmpty())
                            problems.add(where + " has no tag");
                          if (op.getDescription() == null)
                            problems.add(where + " has no description");
                          if (op.getSecurity() == null || op.getSecurity().isEmpty())
                            problems.add(where + " has no security");
                          if (!hasSuccess(op)) problems.add(where + " declares no 2xx response");
                        }));
    assertEquals(List.of(), problems);
  }

  @Test
  void everyComponentSchemaAndPropertyIsDescribed() {
    OpenAPI api = parse().getOpenAPI();
    List<String> undescribed = new ArrayList<>();
    api.getComponents()
        .getSchemas()
        .forEach(
            (name, schema) -> {
              if (schema.getDescription() == null) undescribed.add(name);
              Schema<?> typed = schema; // swagger-models' maps hold raw Schemas
              if (typed.getProperties() != null) {
                typed
                    .getProperties()
                    .forEach(
                        (prop, propSchema) -> {
                          boolean described =
                              propSchema.getDescription() != null || propSchema.get$ref() != null;
                          if (!described) undescribed.add(name + "." + prop);
                        });
              }
            });
    assertTrue(undescribed.isEmpty(), "not described: " + undescribed);
  }

  @Test
  void decisionsAreWrittenDown() {
    assertFalse(RemoteCacheSpec.text().isBlank());
    assertTrue(RemoteCacheSpec.text().contains("**Decision"), "the spec records its decisions");
  }

  @Test
  void everyLinkNamesAnOperationAndParametersItHas() {
    OpenAPI api = parse().getOpenAPI();
    Map<String, Operation> byId = new java.util.HashMap<>();
    Map<String, List<String>> parametersById = new java.util.HashMap<>();
    api.getPaths()
        .forEach(
            (path, item) ->
                item.readOperationsMap()
                    .forEach(
                        (method, op) -> {
                          byId.put(op.getOperationId(), op);
                          List<String> names = new ArrayList<>();
                          if (item.getParameters() != null)
                            item.getParameters().forEach(p -> names.add(p.getName()));
                          if (op.getParameters() != null)
                            op.getParameters().forEach(p -> names.add(p.getName()));
                          parametersById.put(op.getOperationId(), names);
                        }));
    List<String> problems = new ArrayList<>();
    assertFalse(api.getComponents().getLinks().isEmpty(), "the state rules are declared as links");
    api.getComponents()
        .getLinks()
        .forEach(
            (name, link) -> {
              if (!byId.containsKey(link.getOperationId()))
                problems.add(name + " names " + link.getOperationId());
              if (link.getDescription() == null)
                problems.add(name + " has no description (its state rule)");
              if (link.getParameters() != null)
                link.getParameters().keySet().stream()
                    .filter(
                        p ->
                            !parametersById
                                .getOrDefault(link.getOperationId(), List.of())
                                .contains(p))
                    .forEach(
                        p ->
                            problems.add(
                                name
                                    + " sets "
                                    + p
                                    + ", which "
                                    + link.getOperationId()
                                    + " lacks"));
            });
    assertEquals(List.of(), problems);
  }

  private static boolean hasSuccess(Operation op) {
    return op.getResponses().keySet().stream().anyMatch(code -> code.startsWith("2"));
  }
}
