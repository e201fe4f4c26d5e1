package dev.remotecache.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Holds the admin API's document to the standard of the API's, and its copies of the API's schemas
 * to the API's own (see its Decision (copied schemas)).
 */
class RemoteCacheAdminSpecTest {

  /** The schemas the admin document copies from the Remote Cache API's. */
  static final List<String> COPIED =
      List.of(
          "ArtifactHash",
          "CachingStatus",
          "CacheUsageEvent",
          "CacheSource",
          "CacheEventType",
          "ErrorResponse",
          "ErrorDetail",
          "Violation",
          "ViolationLocation");

  private static SwaggerParseResult parse(String text) {
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    return new OpenAPIParser().readContents(text, null, options);
  }

  @Test
  void parsesWithoutAnyMessage() {
    SwaggerParseResult result = parse(RemoteCacheAdminSpec.text());
    assertNotNull(result.getOpenAPI(), "the document does not parse");
    assertEquals(List.of(), result.getMessages(), "the parser has complaints");
    assertEquals("3.0.3", result.getOpenAPI().getOpenapi());
  }

  @Test
  void everyOperationIsNamedTaggedAndAnswersWithASchema() {
    OpenAPI api = parse(RemoteCacheAdminSpec.text()).getOpenAPI();
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
                          if (op.getTags() == null || !op.getTags().equals(List.of("admin")))
                            problems.add(where + " is not tagged admin");
                          if (op.getSummary() == null) problems.add(where + " has no summary");
                          if (op.getResponses().get("200") == null
                              || op.getResponses().get("200").getContent() == null)
                            problems.add(where + " declares no 200 with a body");
                          if (op.getResponses().get("403") == null)
                            problems.add(where + " does not declare the admin door's 403");
                        }));
    assertEquals(List.of(), problems);
  }

  @Test
  void copiesOfTheApisSchemasAreTheApisOwn() {
    var api = parse(RemoteCacheSpec.text()).getOpenAPI().getComponents().getSchemas();
    var admin = parse(RemoteCacheAdminSpec.text()).getOpenAPI().getComponents().getSchemas();
    for (String name : COPIED) {
      assertTrue(admin.containsKey(name), "the admin document has no copy of " + name);
      assertEquals(api.get(name), admin.get(name), name + " differs from remote-cache-api.yaml's");
    }
  }

  @Test
  void everySchemaOfItsOwnIsReferenced() {
    String text = RemoteCacheAdminSpec.text();
    List<String> unused = new ArrayList<>();
    parse(text)
        .getOpenAPI()
        .getComponents()
        .getSchemas()
        .keySet()
        .forEach(
            name -> {
              if (!text.contains("'#/components/schemas/" + name + "'")) unused.add(name);
            });
    assertEquals(List.of(), unused, "schemas nothing refers to");
  }
}
