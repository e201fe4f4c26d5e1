package dev.remotecache.mock.internal.contract;

import dev.remotecache.contract.core.ApiContract;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import java.util.Optional;

/**
 * Finds the schema that governs one place of a JSON document, following {@code items}, {@code
 * properties} and {@code $ref}s, so that a violation can quote the rule from the spec.
 */
final class SchemaNavigator {

  private static final String COMPONENT_PREFIX = "#/components/schemas/";

  private final ApiContract contract;

  SchemaNavigator(ApiContract contract) {
    this.contract = contract;
  }

  /**
   * The schema at a JSON pointer ({@code /0/source}) below {@code root}, if the schema defines one.
   */
  Optional<Schema<?>> at(Schema<?> root, String jsonPointer) {
    Schema<?> current = resolve(root);
    if (jsonPointer == null || jsonPointer.isEmpty() || jsonPointer.equals("/")) {
      return Optional.ofNullable(current);
    }
    for (String token : jsonPointer.substring(1).split("/", -1)) {
      if (current == null) {
        return Optional.empty();
      }
      String name = token.replace("~1", "/").replace("~0", "~");
      if (current.getItems() != null) {
        current = resolve(current.getItems());
      } else if (current.getProperties() != null && current.getProperties().containsKey(name)) {
        current = resolve(current.getProperties().get(name));
      } else {
        return Optional.empty();
      }
    }
    return Optional.ofNullable(current);
  }

  /** Follows a {@code $ref} to a component schema; other schemas are returned as they are. */
  Schema<?> resolve(Schema<?> schema) {
    Schema<?> current = schema;
    int hops = 0;
    while (current != null && current.get$ref() != null && hops++ < 16) {
      String ref = current.get$ref();
      String name =
          ref.startsWith(COMPONENT_PREFIX) ? ref.substring(COMPONENT_PREFIX.length()) : ref;
      OpenAPI api = contract.openApi();
      current = api.getComponents() == null ? null : api.getComponents().getSchemas().get(name);
    }
    return current;
  }
}
