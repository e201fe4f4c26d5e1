package dev.remotecache.contract;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Derives the contract's test cases from the spec itself: for every operation, a valid request
 * built from the spec's examples, and for every constraint of its parameters and body schema (enum,
 * type, lengths, bounds, pattern, format, required, additionalProperties, security) a copy of that
 * request that breaks only that constraint.
 *
 * <p>A constraint added to the spec gets its negative case here without anyone writing one.
 */
public final class ConstraintCatalog {

  private static final String UNKNOWN_PROPERTY = "unexpectedProperty";

  /** The body of a valid binary upload. */
  private static final byte[] SAMPLE_BYTES =
      "artifact bytes from the contract tests\n".getBytes(StandardCharsets.UTF_8);

  /** Known-invalid values for the formats whose validity the validator checks. */
  private static final Map<String, String> INVALID_FORMAT_VALUES =
      Map.of(
          "uuid", "not-a-uuid",
          "date-time", "not-a-date-time",
          "date", "not-a-date",
          "email", "not-an-email",
          "ipv4", "999.1.1.1");

  private final OpenAPI api;
  private final ObjectMapper json;
  private final List<ContractRequest> validRequests = new ArrayList<>();
  private final List<ConstraintCase> cases = new ArrayList<>();

  private ConstraintCatalog(OpenAPI api, ObjectMapper json) {
    this.api = api;
    this.json = json;
    api.getPaths()
        .forEach(
            (path, item) ->
                item.readOperationsMap()
                    .forEach((method, operation) -> derive(method.name(), path, operation)));
  }

  public static ConstraintCatalog from(OpenAPI api, ObjectMapper json) {
    return new ConstraintCatalog(api, json);
  }

  /** One valid request per operation, from the spec's examples. */
  public List<ContractRequest> validRequests() {
    return List.copyOf(validRequests);
  }

  /** Every constraint of the spec, each broken by one request. */
  public List<ConstraintCase> cases() {
    return List.copyOf(cases);
  }

  private void derive(String method, String pathTemplate, Operation operation) {
    Map<String, String> query = new LinkedHashMap<>();
    Map<String, String> headers = new LinkedHashMap<>();
    String path = pathTemplate;
    List<Parameter> parameters =
        operation.getParameters() == null ? List.of() : operation.getParameters();
    for (Parameter parameter : parameters) {
      String example = exampleOf(parameter);
      switch (parameter.getIn()) {
        case "query" -> query.put(parameter.getName(), example);
        case "header" -> headers.put(parameter.getName(), example);
        case "path" -> path = path.replace("{" + parameter.getName() + "}", example);
        default -> {}
      }
    }
    Optional<Map.Entry<String, MediaType>> content =
        Optional.ofNullable(operation.getRequestBody())
            .map(rb -> rb.getContent())
            .flatMap(c -> c.entrySet().stream().findFirst());
    boolean json = content.map(c -> c.getKey().contains("json")).orElse(false);
    JsonNode body = json ? bodyExample(content.get().getValue()) : null;
    byte[] binary = content.isPresent() && !json ? SAMPLE_BYTES.clone() : null;
    String contentType = content.map(Map.Entry::getKey).orElse(null);
    ContractRequest valid =
        new ContractRequest(
            operation.getOperationId(),
            method,
            path,
            query,
            headers,
            contentType,
            body,
            binary,
            true);
    validRequests.add(valid);
    // A HEAD answer has no body: only its status can say how the request broke the contract.
    boolean head = "HEAD".equals(method);

    int before = cases.size();
    if (operation.getSecurity() != null && !operation.getSecurity().isEmpty()) {
      cases.add(
          new ConstraintCase(
              "security", "Authorization", "token", 401, valid.withoutCredentials()));
    }
    for (Parameter parameter : parameters) {
      parameterCases(valid, pathTemplate, parameter);
    }
    if (operation.getRequestBody() != null
        && Boolean.TRUE.equals(operation.getRequestBody().getRequired())) {
      cases.add(new ConstraintCase("body", "", "missing", 400, valid.withoutBody()));
    }
    if (json) {
      bodyCases(valid, content.get().getValue().getSchema(), "");
    }
    if (head) {
      for (int i = before; i < cases.size(); i++) {
        cases.set(i, cases.get(i).statusOnly());
      }
    }
  }

  private void parameterCases(ContractRequest valid, String pathTemplate, Parameter parameter) {
    String in = parameter.getIn();
    Function<String, ContractRequest> with =
        switch (in) {
          case "header" -> value -> valid.withHeader(parameter.getName(), value);
          case "query" -> value -> valid.withQuery(parameter.getName(), value);
          case "path" ->
              value -> valid.withPath(fillPath(pathTemplate, valid, parameter.getName(), value));
          default -> null;
        };
    if (with == null) {
      return;
    }
    if (Boolean.TRUE.equals(parameter.getRequired()) && !"path".equals(in)) {
      cases.add(new ConstraintCase(in, parameter.getName(), "missing", 400, with.apply(null)));
    }
    Schema<?> schema = resolve(parameter.getSchema());
    for (Breach breach : breaches(schema, true)) {
      if ("path".equals(in)
          && breach.rule().equals("minLength")
          && breach.value().asText().isEmpty()) {
        continue; // an empty path segment names another route, not a short value
      }
      cases.add(
          new ConstraintCase(
              in,
              parameter.getName(),
              breach.rule(),
              400,
              with.apply(
                  breach.value().isTextual()
                      ? breach.value().asText()
                      : breach.value().toString())));
    }
  }

  private void bodyCases(ContractRequest valid, Schema<?> rawSchema, String pointer) {
    Schema<?> schema = resolve(rawSchema);
    JsonNode value =
        valid.body().at(pointer.isEmpty() ? JsonPointer.empty() : JsonPointer.compile(pointer));
    if (schema == null || value.isMissingNode()) {
      return;
    }
    for (Breach breach : breaches(schema, false)) {
      cases.add(
          new ConstraintCase(
              "body",
              pointer,
              breach.rule(),
              400,
              valid.withBody(replaced(valid.body(), pointer, breach.value()))));
    }
    if (schema.getItems() != null && value.isArray() && !value.isEmpty()) {
      bodyCases(valid, schema.getItems(), pointer + "/0");
    }
    if (schema.getProperties() != null && value.isObject()) {
      for (String required :
          schema.getRequired() == null ? List.<String>of() : schema.getRequired()) {
        if (value.has(required)) {
          cases.add(
              new ConstraintCase(
                  "body",
                  pointer + "/" + required,
                  "required",
                  400,
                  valid.withBody(replaced(valid.body(), pointer + "/" + required, null))));
        }
      }
      if (Boolean.FALSE.equals(schema.getAdditionalProperties())) {
        cases.add(
            new ConstraintCase(
                "body",
                pointer + "/" + UNKNOWN_PROPERTY,
                "additionalProperties",
                400,
                valid.withBody(
                    replaced(
                        valid.body(),
                        pointer + "/" + UNKNOWN_PROPERTY,
                        JsonNodeFactory.instance.textNode("surprise")))));
      }
      schema
          .getProperties()
          .forEach((name, property) -> bodyCases(valid, property, pointer + "/" + name));
    }
  }

  /** The valid request's path with one parameter's value replaced (percent-encoded). */
  private static String fillPath(
      String template, ContractRequest valid, String name, String value) {
    String[] templateParts = template.split("/");
    String[] validParts = valid.path().split("/");
    StringBuilder path = new StringBuilder();
    for (int i = 1; i < templateParts.length; i++) {
      path.append('/')
          .append(
              templateParts[i].equals("{" + name + "}")
                  ? URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20")
                  : validParts[i]);
    }
    return path.toString();
  }

  /** A value that breaks one keyword of {@code schema}, for each keyword it has. */
  private record Breach(String rule, JsonNode value) {}

  private List<Breach> breaches(Schema<?> schema, boolean onTheWireAsText) {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    List<Breach> breaches = new ArrayList<>();
    String type = schema.getType();
    if (type != null) {
      breaches.add(new Breach("type", wrongType(type)));
    }
    if (schema.getEnum() != null && !schema.getEnum().isEmpty()) {
      String outside =
          String.valueOf(schema.getEnum().get(0)).toLowerCase(Locale.ROOT) + "_not_listed";
      breaches.add(new Breach("enum", nodes.textNode(outside)));
    }
    if (schema.getMaxLength() != null) {
      breaches.add(new Breach("maxLength", nodes.textNode("a".repeat(schema.getMaxLength() + 1))));
    }
    if (schema.getMinLength() != null && schema.getMinLength() > 0) {
      breaches.add(new Breach("minLength", nodes.textNode("a".repeat(schema.getMinLength() - 1))));
    }
    if (schema.getMinimum() != null) {
      breaches.add(new Breach("minimum", number(schema.getMinimum().subtract(BigDecimal.ONE))));
    }
    if (schema.getMaximum() != null) {
      breaches.add(new Breach("maximum", number(schema.getMaximum().add(BigDecimal.ONE))));
    }
    if (schema.getPattern() != null) {
      Pattern pattern = Pattern.compile(schema.getPattern());
      for (String candidate : List.of("../not valid!", "!", " ", "0")) {
        if (!pattern.matcher(candidate).find()) {
          breaches.add(new Breach("pattern", nodes.textNode(candidate)));
          break;
        }
      }
    }
    if (schema.getFormat() != null && INVALID_FORMAT_VALUES.containsKey(schema.getFormat())) {
      breaches.add(
          new Breach("format", nodes.textNode(INVALID_FORMAT_VALUES.get(schema.getFormat()))));
    }
    if (onTheWireAsText) {
      // Headers and query values are text: a string "type" violation cannot be sent.
      breaches.removeIf(b -> b.rule().equals("type") && "string".equals(type));
    }
    return breaches;
  }

  private static JsonNode wrongType(String type) {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    return switch (type) {
      case "string" -> nodes.numberNode(12345);
      case "array" -> nodes.objectNode().put("notAn", "array");
      case "object" -> nodes.textNode("not an object");
      default -> nodes.textNode("not-a-" + type);
    };
  }

  private static JsonNode number(BigDecimal value) {
    return value.stripTrailingZeros().scale() <= 0
        ? JsonNodeFactory.instance.numberNode(value.toBigInteger())
        : JsonNodeFactory.instance.numberNode(value);
  }

  /**
   * A copy of {@code root} with the value at {@code pointer} replaced, added, or (when null)
   * removed.
   */
  private static JsonNode replaced(JsonNode root, String pointer, JsonNode value) {
    if (pointer.isEmpty()) {
      return value;
    }
    JsonNode copy = root.deepCopy();
    JsonPointer target = JsonPointer.compile(pointer);
    JsonNode parent = copy.at(target.head());
    String last = target.last().getMatchingProperty();
    if (parent instanceof ObjectNode object) {
      if (value == null) object.remove(last);
      else object.set(last, value);
    } else if (parent instanceof ArrayNode array) {
      int index = Integer.parseInt(last);
      if (value == null) array.remove(index);
      else array.set(index, value);
    }
    return copy;
  }

  private JsonNode bodyExample(MediaType media) {
    Object example = media.getExample();
    if (example == null && media.getExamples() != null) {
      example =
          media.getExamples().values().stream().findFirst().map(Example::getValue).orElse(null);
    }
    if (example == null) {
      throw new IllegalStateException(
          "every request body needs an example to derive contract cases from");
    }
    return json.valueToTree(example);
  }

  private String exampleOf(Parameter parameter) {
    Object example =
        parameter.getExample() != null
            ? parameter.getExample()
            : resolve(parameter.getSchema()) != null
                ? resolve(parameter.getSchema()).getExample()
                : null;
    if (example == null) {
      throw new IllegalStateException("parameter " + parameter.getName() + " needs an example");
    }
    return String.valueOf(example);
  }

  private Schema<?> resolve(Schema<?> schema) {
    return SchemaRefs.resolve(api, schema);
  }
}
