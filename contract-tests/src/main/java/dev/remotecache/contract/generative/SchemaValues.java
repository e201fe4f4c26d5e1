package dev.remotecache.contract.generative;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.remotecache.contract.SchemaRefs;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Valid values for a schema of the spec, as jqwik arbitraries: enums, string lengths (with the
 * bounds as edge cases), patterns, UUIDs, number ranges, arrays and objects (required properties
 * always, optional ones half the time). Nothing here restates a limit: every bound is read from the
 * schema.
 */
final class SchemaValues {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** Upper bound for strings and numbers the schema leaves open. */
  private static final int OPEN_STRING_LENGTH = 1000;

  private final OpenAPI api;

  SchemaValues(OpenAPI api) {
    this.api = api;
  }

  Schema<?> resolve(Schema<?> schema) {
    return SchemaRefs.resolve(api, schema);
  }

  Schema<?> component(String name) {
    return api.getComponents().getSchemas().get(name);
  }

  /**
   * Built once per schema and options: jqwik prepares an arbitrary's generator (and edge cases) on
   * first use.
   */
  private final java.util.Map<java.util.List<Object>, Arbitrary<JsonNode>> built =
      new java.util.HashMap<>();

  /**
   * Any valid value of {@code schema}, as JSON. {@code headerSafe}: printable ASCII without edge
   * spaces.
   */
  Arbitrary<JsonNode> valid(Schema<?> raw, boolean headerSafe, int maxItems) {
    return valid(raw, headerSafe, maxItems, java.util.Set.of());
  }

  /**
   * The same, with an empty string at the {@code placeholders} (pointers, {@code *} for any array
   * item): places the caller fills itself, such as the hashes a link supplies.
   */
  Arbitrary<JsonNode> valid(
      Schema<?> raw, boolean headerSafe, int maxItems, java.util.Set<String> placeholders) {
    java.util.List<Object> key =
        java.util.List.of(System.identityHashCode(raw), headerSafe, maxItems, placeholders);
    Arbitrary<JsonNode> known = built.get(key);
    if (known == null) {
      known = build(raw, headerSafe, maxItems, placeholders, "");
      built.put(key, known);
    }
    return known;
  }

  private Arbitrary<JsonNode> build(
      Schema<?> raw,
      boolean headerSafe,
      int maxItems,
      java.util.Set<String> placeholders,
      String at) {
    if (placeholders.contains(at)) {
      return Arbitraries.just(NODES.textNode(""));
    }
    Schema<?> schema = resolve(raw);
    if (schema.getEnum() != null && !schema.getEnum().isEmpty()) {
      return Arbitraries.of(new ArrayList<Object>(schema.getEnum()))
          .map(v -> NODES.textNode(String.valueOf(v)));
    }
    String type = schema.getType() == null ? "string" : schema.getType();
    return switch (type) {
      case "string" -> strings(schema, headerSafe).map(NODES::textNode);
      case "integer" -> integers(schema).map(NODES::numberNode);
      case "number" -> numbers(schema).map(NODES::numberNode);
      case "boolean" -> Arbitraries.of(true, false).map(NODES::booleanNode);
      case "array" ->
          build(schema.getItems(), headerSafe, maxItems, placeholders, at + "/*")
              .list()
              .ofMaxSize(maxItems)
              .map(
                  items -> {
                    ArrayNode array = NODES.arrayNode();
                    items.forEach(array::add);
                    return (JsonNode) array;
                  });
      case "object" -> objects(schema, maxItems, placeholders, at);
      default -> throw new IllegalStateException("no generator for schema type " + type);
    };
  }

  Arbitrary<String> strings(Schema<?> raw, boolean headerSafe) {
    Schema<?> schema = resolve(raw);
    if ("uuid".equals(schema.getFormat())) {
      return uuids().map(UUID::toString);
    }
    int min = schema.getMinLength() == null ? 0 : schema.getMinLength();
    int max =
        schema.getMaxLength() == null ? Math.max(min, OPEN_STRING_LENGTH) : schema.getMaxLength();
    if (schema.getPattern() != null) {
      // Candidates from letters and digits, kept when they match: enough for this spec's patterns.
      Pattern pattern = Pattern.compile(schema.getPattern());
      return Arbitraries.strings()
          .alpha()
          .numeric()
          .ofMinLength(Math.max(min, 1))
          .ofMaxLength(max)
          .filter(s -> pattern.matcher(s).find());
    }
    var strings = Arbitraries.strings().ofMinLength(min).ofMaxLength(max);
    if (headerSafe) {
      return strings
          .withCharRange('!', '~')
          .withChars(' ')
          .map(String::strip)
          .filter(s -> s.length() >= min);
    }
    return strings.all().filter(s -> s.chars().noneMatch(c -> Character.isSurrogate((char) c)));
  }

  private Arbitrary<BigInteger> integers(Schema<?> schema) {
    BigInteger min =
        schema.getMinimum() == null
            ? BigInteger.valueOf(-1_000_000)
            : schema.getMinimum().toBigInteger();
    BigInteger max =
        schema.getMaximum() == null
            ? min.add(BigInteger.valueOf(1_000_000_000))
            : schema.getMaximum().toBigInteger();
    return Arbitraries.bigIntegers().between(min, max);
  }

  private Arbitrary<BigDecimal> numbers(Schema<?> schema) {
    BigDecimal min =
        schema.getMinimum() == null ? BigDecimal.valueOf(-1_000_000) : schema.getMinimum();
    BigDecimal max =
        schema.getMaximum() == null
            ? min.add(BigDecimal.valueOf(100_000_000))
            : schema.getMaximum();
    return Arbitraries.bigDecimals()
        .between(min, max)
        .ofScale(2)
        .map(BigDecimal::stripTrailingZeros)
        .map(d -> d.scale() < 0 ? d.setScale(0) : d);
  }

  private Arbitrary<JsonNode> objects(
      Schema<?> schema, int maxItems, java.util.Set<String> placeholders, String at) {
    List<String> required = schema.getRequired() == null ? List.of() : schema.getRequired();
    List<Arbitrary<ObjectNode>> parts = new ArrayList<>();
    if (schema.getProperties() != null) {
      schema
          .getProperties()
          .forEach(
              (name, property) -> {
                Arbitrary<JsonNode> value =
                    build(property, false, maxItems, placeholders, at + "/" + name);
                Arbitrary<JsonNode> maybe = required.contains(name) ? value : value.injectNull(0.5);
                parts.add(
                    maybe.map(
                        v -> {
                          ObjectNode one = NODES.objectNode();
                          if (v != null) {
                            one.set(name, v);
                          }
                          return one;
                        }));
              });
    }
    return Combinators.combine(parts)
        .as(
            pieces -> {
              ObjectNode object = NODES.objectNode();
              pieces.forEach(object::setAll);
              return object;
            });
  }

  static Arbitrary<UUID> uuids() {
    return Combinators.combine(Arbitraries.longs(), Arbitraries.longs())
        .as(
            (high, low) ->
                new UUID(
                    (high & ~0xF000L) | 0x4000L,
                    (low & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L));
  }
}
