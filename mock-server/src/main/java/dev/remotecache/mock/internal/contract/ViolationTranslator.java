package dev.remotecache.mock.internal.contract;

import com.atlassian.oai.validator.model.ApiOperation;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.remotecache.client.model.Violation;
import dev.remotecache.client.model.ViolationLocation;
import dev.remotecache.contract.core.ApiContract;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns the validator's messages into {@link Violation}s a tool author can act on: where (body
 * pointer, header, query), which rule, what the spec allows and what the request carried.
 *
 * <p>The validator says which rule broke and where; the allowed values and limits are read from the
 * spec's own schema at that place, and the received value from the request, so every figure in a
 * violation comes from the document or the wire, never from this class.
 */
final class ViolationTranslator {

  private static final String SCHEMA_KEY = ".schema.";

  private final ApiContract contract;
  private final ObjectMapper json;
  private final SchemaNavigator schemas;

  ViolationTranslator(ApiContract contract, ObjectMapper json) {
    this.contract = contract;
    this.json = json;
    this.schemas = new SchemaNavigator(contract);
  }

  /**
   * The violations of a report, at most {@code max} of them (the first ones), and how many of the
   * report's errors were counted instead of translated past that (one violation each).
   */
  record Translated(List<Violation> violations, long omitted) {}

  Translated translate(
      ValidationReport report, Request request, Optional<ApiOperation> operation, int max) {
    Map<String, Violation> unique = new LinkedHashMap<>();
    ParsedBody body = new ParsedBody(request);
    long omitted = 0;
    for (ValidationReport.Message message : report.getMessages()) {
      if (message.getLevel() != ValidationReport.Level.ERROR) {
        continue;
      }
      if (unique.size() >= max) {
        omitted++;
        continue;
      }
      for (Violation violation : translate(message, request, operation, body, max)) {
        unique.putIfAbsent(
            violation.getIn() + " " + violation.getAt() + " " + violation.getRule(), violation);
      }
    }
    List<Violation> violations = new ArrayList<>(unique.values());
    boolean noBody =
        violations.stream()
            .anyMatch(
                v -> v.getIn() == ViolationLocation.BODY && ViolationRule.MISSING.is(v.getRule()));
    if (noBody && request.getContentType().isEmpty()) {
      // Without a body there is nothing for a Content-Type to describe; the missing body says it
      // all.
      violations.removeIf(v -> ViolationRule.CONTENT_TYPE.is(v.getRule()));
    }
    return new Translated(violations, omitted);
  }

  /** Every violation of a report (for reports that are small by nature: an answer's). */
  List<Violation> translate(
      ValidationReport report, Request request, Optional<ApiOperation> operation) {
    return translate(report, request, operation, Integer.MAX_VALUE).violations();
  }

  private List<Violation> translate(
      ValidationReport.Message message,
      Request request,
      Optional<ApiOperation> operation,
      ParsedBody body,
      int max) {
    String key = message.getKey();
    Optional<ValidationReport.MessageContext> context = message.getContext();
    Optional<Parameter> parameter = context.flatMap(ValidationReport.MessageContext::getParameter);

    if (key.startsWith("validation.request.body" + SCHEMA_KEY) && !key.endsWith(".invalidJson")) {
      String pointer =
          context
              .flatMap(ValidationReport.MessageContext::getPointers)
              .map(ValidationReport.MessageContext.Pointers::getInstance)
              .map(ViolationTranslator::toJsonPointer)
              .orElse("");
      return bodySchemaViolations(rule(key), pointer, message.getMessage(), operation, body, max);
    }
    if (key.startsWith("validation.request.parameter") && parameter.isPresent()) {
      return List.of(
          parameterViolation(key, parameter.get(), request, operation, message.getMessage()));
    }
    return switch (key) {
      case "validation.request.path.missing" ->
          List.of(
              violation(
                  ViolationLocation.PATH,
                  request.getPath(),
                  ViolationRule.PATH.value(),
                  routeNames(),
                  request.getPath(),
                  "no operation is declared at "
                      + request.getPath()
                      + "; the API has "
                      + routeNames()));
      case "validation.request.operation.notAllowed" ->
          List.of(
              violation(
                  ViolationLocation.METHOD,
                  request.getPath(),
                  ViolationRule.METHOD.value(),
                  contract.methodsAllowedOn(request.getPath()),
                  request.getMethod().name(),
                  request.getMethod()
                      + " is not allowed on "
                      + request.getPath()
                      + "; allowed: "
                      + contract.methodsAllowedOn(request.getPath())));
      case "validation.request.body.missing" ->
          List.of(
              violation(
                  ViolationLocation.BODY,
                  "",
                  ViolationRule.MISSING.value(),
                  "application/json",
                  null,
                  "the request has no body; it must be "
                      + describe(requestSchema(operation).orElse(null))));
      case "validation.request.body.schema.invalidJson" ->
          List.of(
              violation(
                  ViolationLocation.BODY,
                  "",
                  ViolationRule.JSON.value(),
                  "application/json",
                  null,
                  "the body is not valid JSON: " + body.parseError()));
      case "validation.request.contentType.notAllowed", "validation.request.contentType.invalid" ->
          List.of(
              violation(
                  ViolationLocation.HEADER,
                  "Content-Type",
                  ViolationRule.CONTENT_TYPE.value(),
                  declaredContentTypes(operation),
                  request.getContentType().orElse(null),
                  "must be one of "
                      + declaredContentTypes(operation)
                      + ", got "
                      + request.getContentType().map(ct -> "\"" + ct + "\"").orElse("none")));
      case "validation.request.security.missing" ->
          List.of(
              violation(
                  ViolationLocation.SECURITY,
                  "Authorization",
                  ViolationRule.TOKEN.value(),
                  "Bearer <token>",
                  null,
                  "the request is missing an authentication token: send Authorization: Bearer <token>"));
      case "validation.request.security.invalid" ->
          List.of(
              violation(
                  ViolationLocation.SECURITY,
                  "Authorization",
                  ViolationRule.TOKEN.value(),
                  "Bearer <token>",
                  BearerTokens.schemeOf(request.getHeaderValue("Authorization").orElse("")),
                  "the Authorization header must use the Bearer scheme: Authorization: Bearer <token>"));
      default ->
          List.of(
              violation(locationFromKey(key), null, rule(key), null, null, message.getMessage()));
    };
  }

  private List<Violation> bodySchemaViolations(
      String rule,
      String pointer,
      String validatorMessage,
      Optional<ApiOperation> operation,
      ParsedBody body,
      int max) {
    Optional<Schema<?>> schema =
        requestSchema(operation).flatMap(root -> schemas.at(root, pointer));
    JsonNode value = body.at(pointer);
    if (schema.isEmpty()) {
      return List.of(
          violation(
              ViolationLocation.BODY, pointer, rule, null, jsonValue(value), validatorMessage));
    }
    Schema<?> s = schema.get();
    // networknt names a format failure after the format ("uuid"), not after the keyword.
    String keyword = rule.equals(s.getFormat()) ? "format" : rule;
    return switch (keyword) {
      case "required" -> missingProperties(s, pointer, value);
      case "additionalProperties" -> unknownProperties(s, pointer, value, max);
      default ->
          List.of(
              constraintViolation(
                  ViolationLocation.BODY,
                  pointer,
                  keyword,
                  s,
                  jsonValue(value),
                  value.isMissingNode() ? null : value,
                  validatorMessage));
    };
  }

  private List<Violation> missingProperties(
      Schema<?> objectSchema, String pointer, JsonNode object) {
    List<Violation> violations = new ArrayList<>();
    for (String name : nullToEmpty(objectSchema.getRequired())) {
      if (!object.has(name)) {
        Schema<?> propertySchema =
            objectSchema.getProperties() == null
                ? null
                : schemas.resolve(objectSchema.getProperties().get(name));
        violations.add(
            violation(
                ViolationLocation.BODY,
                pointer + "/" + escape(name),
                ViolationRule.REQUIRED.value(),
                describe(propertySchema),
                null,
                "is required but missing; it must be " + describe(propertySchema)));
      }
    }
    return violations;
  }

  /** The object's unknown properties, the first {@code max} of them. */
  private List<Violation> unknownProperties(
      Schema<?> objectSchema, String pointer, JsonNode object, int max) {
    Set<String> allowed =
        objectSchema.getProperties() == null ? Set.of() : objectSchema.getProperties().keySet();
    List<Violation> violations = new ArrayList<>();
    for (Iterator<String> names = object.fieldNames();
        names.hasNext() && violations.size() < max; ) {
      String name = names.next();
      if (!allowed.contains(name)) {
        violations.add(
            violation(
                ViolationLocation.BODY,
                pointer + "/" + escape(name),
                ViolationRule.ADDITIONAL_PROPERTIES.value(),
                List.copyOf(allowed),
                jsonValue(object.get(name)),
                "is not a known property; the allowed ones are " + allowed));
      }
    }
    return violations;
  }

  private Violation parameterViolation(
      String key,
      Parameter parameter,
      Request request,
      Optional<ApiOperation> operation,
      String validatorMessage) {
    ViolationLocation in =
        "query".equals(parameter.getIn())
            ? ViolationLocation.QUERY
            : "path".equals(parameter.getIn()) ? ViolationLocation.PATH : ViolationLocation.HEADER;
    String raw =
        switch (parameter.getIn()) {
          case "query" ->
              request.getQueryParameterValues(parameter.getName()).stream()
                  .findFirst()
                  .orElse(null);
          case "path" ->
              operation
                  .map(op -> PathParameters.value(op, request, parameter.getName()))
                  .orElse(null);
          default -> request.getHeaderValue(parameter.getName()).orElse(null);
        };
    Schema<?> schema = schemas.resolve(parameter.getSchema());
    if (key.endsWith(".missing")) {
      return violation(
          in,
          parameter.getName(),
          ViolationRule.MISSING.value(),
          describe(schema),
          raw,
          "is required but missing; it must be " + describe(schema));
    }
    Object actual = parameterValue(raw, schema);
    // The validator names a broken format of a parameter by the format ("uuid"): the rule is
    // format.
    String rule =
        schema != null && rule(key).equals(schema.getFormat())
            ? ViolationRule.FORMAT.value()
            : rule(key);
    return constraintViolation(
        in,
        parameter.getName(),
        rule,
        schema,
        actual,
        raw == null ? null : json.valueToTree(actual),
        validatorMessage);
  }

  /** A violation of one keyword of {@code schema}, quoting the keyword's value from the spec. */
  private Violation constraintViolation(
      ViolationLocation in,
      String at,
      String rule,
      Schema<?> schema,
      Object actual,
      JsonNode actualNode,
      String fallbackMessage) {
    String got = actualNode == null ? "nothing" : QuotedValues.text(actualNode);
    return switch (rule) {
      case "enum" ->
          violation(
              in,
              at,
              rule,
              schema.getEnum(),
              actual,
              "must be one of " + schema.getEnum() + ", got " + got);
      case "type" ->
          violation(
              in,
              at,
              rule,
              typeName(schema),
              actual,
              "must be " + describe(schema) + ", got " + got + kindOf(actualNode));
      case "maxLength" ->
          violation(
              in,
              at,
              rule,
              schema.getMaxLength(),
              actual,
              "must be at most "
                  + schema.getMaxLength()
                  + " characters long, got "
                  + length(actualNode)
                  + " characters");
      case "minLength" ->
          violation(
              in,
              at,
              rule,
              schema.getMinLength(),
              actual,
              "must be at least "
                  + schema.getMinLength()
                  + " characters long, got "
                  + length(actualNode)
                  + " characters");
      case "minimum" ->
          violation(
              in,
              at,
              rule,
              number(schema.getMinimum()),
              actual,
              "must be at least " + plain(schema.getMinimum()) + ", got " + got);
      case "maximum" ->
          violation(
              in,
              at,
              rule,
              number(schema.getMaximum()),
              actual,
              "must be at most " + plain(schema.getMaximum()) + ", got " + got);
      case "pattern" ->
          violation(
              in,
              at,
              rule,
              schema.getPattern(),
              actual,
              "must match the pattern " + schema.getPattern() + ", got " + got);
      case "format" ->
          violation(
              in,
              at,
              rule,
              schema.getFormat(),
              actual,
              "must be a valid " + schema.getFormat() + ", got " + got);
      default -> violation(in, at, rule, null, actual, fallbackMessage);
    };
  }

  private List<String> routeNames() {
    return contract.routes().stream().map(ApiContract.Route::toString).toList();
  }

  private Optional<Schema<?>> requestSchema(Optional<ApiOperation> operation) {
    return operation
        .map(op -> op.getOperation().getRequestBody())
        .map(requestBody -> requestBody.getContent())
        .flatMap(content -> content.values().stream().findFirst())
        .map(MediaType::getSchema)
        .map(s -> (Schema<?>) s);
  }

  private static List<String> declaredContentTypes(Optional<ApiOperation> operation) {
    return operation
        .map(op -> op.getOperation().getRequestBody())
        .map(requestBody -> List.copyOf(requestBody.getContent().keySet()))
        .orElse(List.of());
  }

  private String describe(Schema<?> schema) {
    Schema<?> s = schemas.resolve(schema);
    if (s == null) {
      return "a value";
    }
    if (s.getEnum() != null) {
      return "one of " + s.getEnum();
    }
    String type = typeName(s);
    String article =
        type.startsWith("a") || type.startsWith("i") || type.startsWith("o") ? "an " : "a ";
    return article + type + (s.getFormat() != null ? " (" + s.getFormat() + ")" : "");
  }

  private static String typeName(Schema<?> schema) {
    return schema.getType() != null ? schema.getType() : "value";
  }

  private static Object parameterValue(String raw, Schema<?> schema) {
    if (raw == null || schema == null) {
      return raw;
    }
    if ("integer".equals(schema.getType()) || "number".equals(schema.getType())) {
      try {
        return new BigDecimal(raw.trim());
      } catch (NumberFormatException notANumber) {
        return raw;
      }
    }
    return raw;
  }

  private Object jsonValue(JsonNode node) {
    return QuotedValues.actual(json, node);
  }

  private static String kindOf(JsonNode node) {
    if (node == null) {
      return "";
    }
    String kind =
        node.isTextual()
            ? "string"
            : node.isIntegralNumber()
                ? "integer"
                : node.isNumber()
                    ? "number"
                    : node.isBoolean()
                        ? "boolean"
                        : node.isArray() ? "array" : node.isObject() ? "object" : "null";
    return " ("
        + (kind.startsWith("a") || kind.startsWith("i") || kind.startsWith("o") ? "an " : "a ")
        + kind
        + ")";
  }

  private static int length(JsonNode node) {
    return node == null ? 0 : node.asText().codePointCount(0, node.asText().length());
  }

  private static Number number(BigDecimal value) {
    return value == null
        ? null
        : value.stripTrailingZeros().scale() <= 0 ? value.toBigInteger() : value;
  }

  private static String plain(BigDecimal value) {
    return value == null ? "?" : value.stripTrailingZeros().toPlainString();
  }

  private static Violation violation(
      ViolationLocation in,
      String at,
      String rule,
      Object expected,
      Object actual,
      String message) {
    return new Violation()
        .in(in)
        .rule(rule)
        .message(QuotedValues.message(message))
        .at(QuotedValues.message(at))
        .expected(expected)
        .actual(actual);
  }

  private static ViolationLocation locationFromKey(String key) {
    String k = key.toLowerCase(Locale.ROOT);
    if (k.contains(".header")) return ViolationLocation.HEADER;
    if (k.contains(".query")) return ViolationLocation.QUERY;
    if (k.contains(".path")) return ViolationLocation.PATH;
    if (k.contains(".security")) return ViolationLocation.SECURITY;
    if (k.contains(".operation")) return ViolationLocation.METHOD;
    return ViolationLocation.BODY;
  }

  private static String rule(String key) {
    return key.substring(key.lastIndexOf('.') + 1);
  }

  /**
   * networknt reports instance locations as JSON pointers or, in some modes, as {@code
   * $[0].source}.
   */
  static String toJsonPointer(String location) {
    if (location == null || location.isEmpty() || location.equals("$") || location.equals("/")) {
      return "";
    }
    if (location.startsWith("/")) {
      return location;
    }
    String path = location.startsWith("$") ? location.substring(1) : location;
    StringBuilder pointer = new StringBuilder();
    for (String part : path.replace("[", ".").replace("]", "").replace("'", "").split("\\.")) {
      if (!part.isEmpty()) {
        pointer.append('/').append(escape(part));
      }
    }
    return pointer.toString();
  }

  private static String escape(String token) {
    return token.replace("~", "~0").replace("/", "~1");
  }

  private static <T> List<T> nullToEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }

  /** The request body parsed once, on demand, only for requests that were rejected. */
  private final class ParsedBody {
    private final Request request;
    private JsonNode parsed;
    private String parseError;

    ParsedBody(Request request) {
      this.request = request;
    }

    JsonNode at(String pointer) {
      JsonNode root = parsed();
      return root == null ? MissingNode.getInstance() : root.at(pointer.isEmpty() ? "" : pointer);
    }

    String parseError() {
      parsed();
      return parseError == null ? "unreadable body" : parseError;
    }

    private JsonNode parsed() {
      if (parsed == null && parseError == null) {
        try {
          // The request's own parse (a CachedBody), shared with the validator: never a second one.
          parsed =
              request.getRequestBody().isPresent()
                  ? request.getRequestBody().get().toJsonNode()
                  : null;
          if (parsed == null || parsed.isMissingNode()) {
            parsed = null;
            parseError = "the body is empty";
          }
        } catch (IOException e) {
          parseError = JsonErrors.describe(e);
        }
      }
      return parsed;
    }
  }
}
