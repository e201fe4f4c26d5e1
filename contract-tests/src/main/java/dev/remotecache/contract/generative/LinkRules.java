package dev.remotecache.contract.generative;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.links.Link;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the spec's OpenAPI {@code links} say about sequences, read from the document rather than
 * restated: which operations take the hash an upload stored (in the path, or where in their JSON
 * body), and which follow it for the same team. The generator builds its sequences from these.
 */
final class LinkRules {

  /** The runtime expression of the hash a request was sent with. */
  static final String HASH_EXPRESSION = "$request.path.hash";

  /** Operations whose path hash a link fills from the upload's. */
  final Set<String> pathHashConsumers = new LinkedHashSet<>();

  /**
   * Operations whose JSON body a link fills with the upload's hash, and where: pointers with {@code
   * *} for array items.
   */
  final Map<String, List<String>> bodyHashPointers = new LinkedHashMap<>();

  /** Every operation some link follows an upload (or a delete) with, for the same team. */
  final Set<String> followers = new LinkedHashSet<>();

  LinkRules(OpenAPI api, ObjectMapper json, String producer) {
    api.getPaths()
        .values()
        .forEach(
            item ->
                item.readOperations()
                    .forEach(
                        operation -> {
                          if (!producer.equals(operation.getOperationId())) {
                            return;
                          }
                          operation
                              .getResponses()
                              .forEach(
                                  (status, response) -> {
                                    if (response.getLinks() == null || !status.startsWith("2")) {
                                      return;
                                    }
                                    response
                                        .getLinks()
                                        .values()
                                        .forEach(raw -> read(resolve(api, raw), json));
                                  });
                        }));
    if (pathHashConsumers.isEmpty()) {
      throw new IllegalStateException("the spec declares no link from " + producer + "'s hash");
    }
  }

  private void read(Link link, ObjectMapper json) {
    followers.add(link.getOperationId());
    if (link.getParameters() != null && HASH_EXPRESSION.equals(link.getParameters().get("hash"))) {
      pathHashConsumers.add(link.getOperationId());
    }
    Object body = link.getRequestBody();
    if (body instanceof String text && text.contains("{" + HASH_EXPRESSION + "}")) {
      try {
        List<String> pointers = new ArrayList<>();
        pointersTo(json.readTree(text), "", pointers);
        bodyHashPointers.put(link.getOperationId(), pointers);
      } catch (java.io.IOException e) {
        throw new IllegalStateException(
            "link body of " + link.getOperationId() + " is not JSON: " + text, e);
      }
    }
  }

  private static void pointersTo(JsonNode node, String at, List<String> found) {
    if (node.isTextual() && node.asText().equals("{" + HASH_EXPRESSION + "}")) {
      found.add(at);
    } else if (node.isArray()) {
      for (JsonNode item : node) {
        pointersTo(item, at + "/*", found);
      }
    } else if (node.isObject()) {
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        pointersTo(field.getValue(), at + "/" + field.getKey(), found);
      }
    }
  }

  private static Link resolve(OpenAPI api, Link link) {
    if (link.get$ref() == null) {
      return link;
    }
    String name = link.get$ref().substring(link.get$ref().lastIndexOf('/') + 1);
    return api.getComponents().getLinks().get(name);
  }

  /**
   * Sets every place {@code pointer} (with {@code *} for any array item) names in {@code body} to a
   * hash from {@code hashes}.
   */
  static void fill(JsonNode body, String pointer, java.util.function.Supplier<String> hashes) {
    fill(body, pointer.isEmpty() ? new String[0] : pointer.substring(1).split("/"), 0, hashes);
  }

  private static void fill(
      JsonNode node, String[] parts, int index, java.util.function.Supplier<String> hashes) {
    if (index == parts.length - 1) {
      if (node instanceof com.fasterxml.jackson.databind.node.ObjectNode object
          && object.has(parts[index])) {
        object.put(parts[index], hashes.get());
      } else if (node instanceof com.fasterxml.jackson.databind.node.ArrayNode array
          && parts[index].equals("*")) {
        for (int i = 0; i < array.size(); i++) {
          array.set(i, com.fasterxml.jackson.databind.node.TextNode.valueOf(hashes.get()));
        }
      }
      return;
    }
    if (parts[index].equals("*") && node.isArray()) {
      node.forEach(item -> fill(item, parts, index + 1, hashes));
    } else if (node.has(parts[index])) {
      fill(node.get(parts[index]), parts, index + 1, hashes);
    }
  }
}
