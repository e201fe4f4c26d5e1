package dev.remotecache.contract;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;

/** Follows a schema's {@code $ref}s to the component schema they name. */
public final class SchemaRefs {

  private static final String COMPONENT_PREFIX = "#/components/schemas/";

  private SchemaRefs() {}

  /** The schema itself, or the component its {@code $ref} chain ends at ({@code null} if none). */
  public static Schema<?> resolve(OpenAPI api, Schema<?> schema) {
    Schema<?> current = schema;
    int hops = 0;
    while (current != null && current.get$ref() != null && hops++ < 16) {
      String ref = current.get$ref();
      current =
          api.getComponents()
              .getSchemas()
              .get(
                  ref.startsWith(COMPONENT_PREFIX)
                      ? ref.substring(COMPONENT_PREFIX.length())
                      : ref);
    }
    return current;
  }
}
