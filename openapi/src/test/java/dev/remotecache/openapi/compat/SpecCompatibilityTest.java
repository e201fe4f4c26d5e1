package dev.remotecache.openapi.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.remotecache.openapi.compat.SpecCompatibility.Break;
import dev.remotecache.openapi.compat.SpecCompatibility.Report;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Feeds the check deliberately broken (and deliberately extended) variants of the released spec.
 */
class SpecCompatibilityTest {

  private static final Path BASELINE =
      Path.of(System.getProperty("spec.baseline", "spec-baseline/remote-cache-api-0.1.0.yaml"));
  private static final Path CURRENT =
      Path.of(System.getProperty("remotecache.spec", "remote-cache-api.yaml"));
  private static final Path ADMIN_BASELINE =
      Path.of(
          System.getProperty("admin.spec.baseline", "spec-baseline/remote-cache-admin-0.1.0.yaml"));
  private static final Path ADMIN_CURRENT =
      Path.of(System.getProperty("remotecache.adminSpec", "remote-cache-admin.yaml"));
  private static final YAMLMapper YAML = new YAMLMapper();
  private static final String EVENTS = "POST /v8/artifacts/events";

  @Test
  void theCurrentSpecKeepsEveryPromiseOfTheReleasedOne() throws IOException {
    Report report = SpecCompatibility.compare(BASELINE, CURRENT);
    writeReport("spec-compatibility.md", report);
    assertEquals(List.of(), report.breaks(), () -> verdict(CURRENT, BASELINE, report));
  }

  @Test
  void theCurrentAdminSpecKeepsEveryPromiseOfTheReleasedOne() throws IOException {
    Report report = SpecCompatibility.compare(ADMIN_BASELINE, ADMIN_CURRENT);
    writeReport("admin-spec-compatibility.md", report);
    assertEquals(List.of(), report.breaks(), () -> verdict(ADMIN_CURRENT, ADMIN_BASELINE, report));
  }

  @Test
  void aFaultKindRemovedFromTheAdminSpecIsABreak() throws Exception {
    ObjectNode spec = (ObjectNode) YAML.readTree(ADMIN_BASELINE.toFile());
    removeValue(spec.at("/components/schemas/FaultKind/enum"), "DELAY");
    Report report =
        SpecCompatibility.compare(Files.readString(ADMIN_BASELINE), YAML.writeValueAsString(spec));
    assertTrue(
        report.breaks().stream()
            .anyMatch(b -> b.toString().contains("/__admin/remote-cache/faults")),
        report.breaks().toString());
  }

  @Test
  void theReleasedSpecAgainstItselfHasNoChangeAtAll() throws Exception {
    String released = Files.readString(BASELINE);
    Report report = SpecCompatibility.compare(released, released);
    assertEquals(List.of(), report.breaks());
    assertEquals(List.of(), report.additions());
  }

  @Test
  void anEnumValueRemovedAFieldMadeRequiredAndAResponseRemovedAreEachNamed() throws Exception {
    Report report =
        compareWith(
            spec -> {
              removeValue(at(spec, "components/schemas/CacheSource/enum"), "REMOTE");
              ((ArrayNode) at(spec, "components/schemas/CacheUsageEvent/required")).add("duration");
              obj(spec, "paths/~1v8~1artifacts~1events/post/responses").remove("402");
            });

    assertEquals(
        List.of(
            new Break(EVENTS + " request body [].source", "enum value(s) [REMOTE] removed"),
            new Break(EVENTS + " request body []", "property duration made required"),
            new Break(EVENTS + " response 402", "response removed")),
        sorted(report.breaks(), List.of("enum", "required", "response")),
        report.markdown());
  }

  @Test
  void aTightenedLimitIsABreak() throws Exception {
    Report report =
        compareWith(
            spec -> obj(spec, "components/parameters/ClientCiHeader/schema").put("maxLength", 40));
    // The header is shared: every operation that takes it is named.
    assertTrue(
        report
            .breaks()
            .contains(
                new Break(
                    EVENTS + " header parameter x-artifact-client-ci",
                    "maxLength changed from 50 to 40")),
        report.breaks()::toString);
    assertTrue(
        report.breaks().stream()
            .allMatch(
                b ->
                    b.where().endsWith("header parameter x-artifact-client-ci")
                        && b.what().equals("maxLength changed from 50 to 40")),
        report.breaks()::toString);
  }

  @Test
  void aNewRequiredParameterIsABreak() throws Exception {
    Report report =
        compareWith(
            spec ->
                ((ArrayNode) at(spec, "paths/~1v8~1artifacts~1events/post/parameters"))
                    .addObject()
                    .put("name", "region")
                    .put("in", "query")
                    .put("required", true)
                    .putObject("schema")
                    .put("type", "string"));
    assertEquals(
        List.of(new Break(EVENTS + " query parameter region", "new required parameter")),
        report.breaks());
  }

  @Test
  void aRemovedOperationIsABreak() throws Exception {
    Report report = compareWith(spec -> obj(spec, "paths/~1v8~1artifacts~1events").remove("post"));
    assertEquals(List.of(new Break(EVENTS, "operation removed")), report.breaks());
  }

  @Test
  void aValueAddedToAResponseEnumIsABreakForClientsThatReadIt() throws Exception {
    Report report =
        compareWith(
            spec ->
                ((ArrayNode) at(spec, "components/schemas/ViolationLocation/enum")).add("cookie"));
    assertTrue(
        report.breaks().stream()
            .anyMatch(
                b ->
                    b.where().startsWith(EVENTS + " response 400")
                        && b.where().endsWith(".error.violations[].in")
                        && b.what().startsWith("enum value(s) [cookie] added to a response")),
        () -> report.breaks().toString());
  }

  @Test
  void aRequestPropertyRemovedWhereUnknownPropertiesAreRefusedIsABreak() throws Exception {
    Report report =
        compareWith(
            spec -> obj(spec, "components/schemas/CacheUsageEvent/properties").remove("duration"));
    assertEquals(
        List.of(
            new Break(
                EVENTS + " request body []",
                "property duration removed"
                    + " (additionalProperties is false: clients that send it are now refused)")),
        report.breaks());
  }

  @Test
  void aResponseHeaderMadeRequiredIsAPromiseAndOneNoLongerRequiredABreak() throws Exception {
    Report stricter =
        compareWith(spec -> obj(spec, "components/headers/ArtifactTag").put("required", true));
    assertEquals(List.of(), stricter.breaks(), stricter.markdown());
    assertTrue(
        stricter.additions().stream()
            .anyMatch(a -> a.endsWith("header x-artifact-tag: now required")),
        stricter.additions().toString());

    ObjectNode required = baseline();
    obj(required, "components/headers/ArtifactDuration").put("required", true);
    Report looser =
        SpecCompatibility.compare(YAML.writeValueAsString(required), Files.readString(BASELINE));
    assertTrue(
        looser
            .breaks()
            .contains(
                new Break(
                    "GET /v8/artifacts/{hash} response 200 header x-artifact-duration",
                    "no longer required")),
        looser.breaks().toString());
  }

  @Test
  void additionsAreCompatible() throws Exception {
    Report report =
        compareWith(
            spec -> {
              ObjectNode get = obj(spec, "paths").putObject("/v8/artifacts/usage").putObject("get");
              get.put("operationId", "usage");
              get.putObject("responses").putObject("200").put("description", "ok");
              ObjectNode post = obj(spec, "paths/~1v8~1artifacts~1events/post");
              ((ArrayNode) post.get("parameters"))
                  .addObject()
                  .put("name", "region")
                  .put("in", "query")
                  .put("required", false)
                  .putObject("schema")
                  .put("type", "string");
              ((ObjectNode) post.get("responses")).putObject("429").put("description", "slow down");
              obj(spec, "components/schemas/CacheUsageEvent/properties")
                  .putObject("host")
                  .put("type", "string");
              ((ArrayNode) at(spec, "components/schemas/CacheEventType/enum")).add("SKIP");
            });
    assertEquals(List.of(), report.breaks(), report.markdown());
    assertEquals(List.of("GET /v8/artifacts/usage: operation added"), report.additions());
  }

  @Test
  void theFailureNamesEachBreak(@TempDir Path dir) throws Exception {
    Path broken = dir.resolve("broken.yaml");
    ObjectNode spec = baseline();
    removeValue(at(spec, "components/schemas/CacheSource/enum"), "REMOTE");
    YAML.writeValue(broken.toFile(), spec);

    String verdict = verdict(broken, BASELINE, SpecCompatibility.compare(BASELINE, broken));
    assertTrue(
        verdict.contains(
            "1 breaking change(s)\n  BREAKS "
                + EVENTS
                + " request body [].source: enum value(s) [REMOTE] removed"),
        verdict);
  }

  private static Report compareWith(Consumer<ObjectNode> change) throws Exception {
    ObjectNode spec = baseline();
    change.accept(spec);
    return SpecCompatibility.compare(Files.readString(BASELINE), YAML.writeValueAsString(spec));
  }

  private static ObjectNode baseline() throws Exception {
    return (ObjectNode) YAML.readTree(BASELINE.toFile());
  }

  private static JsonNode at(ObjectNode spec, String pointer) {
    JsonNode node = spec.at("/" + pointer);
    if (node.isMissingNode()) {
      throw new IllegalArgumentException("not in the spec: " + pointer);
    }
    return node;
  }

  private static ObjectNode obj(ObjectNode spec, String pointer) {
    return (ObjectNode) at(spec, pointer);
  }

  private static void removeValue(JsonNode array, String value) {
    ArrayNode values = (ArrayNode) array;
    for (int i = 0; i < values.size(); i++) {
      if (values.get(i).asText().equals(value)) {
        values.remove(i);
        return;
      }
    }
    throw new IllegalArgumentException(value + " not in " + array);
  }

  /** The breaks in the order of the given keywords, whatever order openapi-diff found them in. */
  private static List<Break> sorted(List<Break> breaks, List<String> keywords) {
    return breaks.stream()
        .sorted(
            java.util.Comparator.comparingInt(
                b ->
                    keywords.stream()
                        .filter(k -> b.what().contains(k))
                        .findFirst()
                        .map(keywords::indexOf)
                        .orElse(keywords.size())))
        .toList();
  }

  /** openapi-diff's report of every change, for a person: target/spec-compatibility.md. */
  private static void writeReport(String name, Report report) throws IOException {
    Path target = Path.of("target");
    Files.createDirectories(target);
    Files.writeString(target.resolve(name), report.markdown());
  }

  /** One line per break, then where openapi-diff's report of every change is. */
  private static String verdict(Path current, Path baseline, Report report) {
    StringBuilder text =
        new StringBuilder(
            current.getFileName()
                + " against the released "
                + baseline.getFileName()
                + ": "
                + report.breaks().size()
                + " breaking change(s)\n");
    report.breaks().forEach(b -> text.append("  BREAKS ").append(b).append('\n'));
    return text.append("every change: openapi/target/*spec-compatibility.md").toString();
  }
}
