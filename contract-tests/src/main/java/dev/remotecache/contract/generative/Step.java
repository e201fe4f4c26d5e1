package dev.remotecache.contract.generative;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.remotecache.contract.ConstraintCase;
import dev.remotecache.contract.ContractRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One generated request of a sequence, independent of the teams it will be sent for: the operation,
 * which of the sequence's teams, the hash, optional headers, and the body.
 *
 * @param team index into the sequence's {@link TeamSpace}
 * @param hash the path's hash, or null for operations without one
 * @param upload the binary body of an upload, or null
 * @param json the JSON body, or null
 * @param invalid for {@link Kind#INVALID}: the request that breaks one rule (its team is set on
 *     sending)
 * @param rule for {@link Kind#INVALID}: which rule it breaks
 */
public record Step(
    Kind kind,
    String operationId,
    int team,
    String hash,
    Map<String, String> headers,
    Upload upload,
    JsonNode json,
    ConstraintCase invalid,
    String rule) {

  public enum Kind {
    VALID,
    NO_TOKEN,
    INVALID
  }

  /**
   * An artifact's bytes: {@code token} and a newline, repeated, cut at {@code size} bytes; so that
   * a curl line can send the same bytes ({@code yes TOKEN | head -c SIZE}).
   */
  public record Upload(String token, int size) {
    byte[] bytes() {
      byte[] line = (token + "\n").getBytes(StandardCharsets.US_ASCII);
      byte[] bytes = new byte[size];
      for (int i = 0; i < size; i++) {
        bytes[i] = line[i % line.length];
      }
      return bytes;
    }
  }

  public Step {
    headers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
  }

  /** The request to send, for the teams of {@code space}. */
  ContractRequest toRequest(ApiOperations operations, TeamSpace space) {
    Map<String, String> team = space.selector(this.team);
    if (kind == Kind.INVALID) {
      ContractRequest retargeted =
          invalid.request().withQuery("slug", null).withQuery("teamId", null);
      for (Map.Entry<String, String> e : team.entrySet()) {
        retargeted = retargeted.withQuery(e.getKey(), e.getValue());
      }
      return retargeted;
    }
    ApiOperations.ApiOperation operation = operations.get(operationId);
    String path = operation.pathTemplate();
    if (hash != null) {
      path = path.replace("{hash}", URLEncoder.encode(hash, StandardCharsets.UTF_8));
    }
    String contentType = operation.requestContent().map(Map.Entry::getKey).orElse(null);
    return new ContractRequest(
        operationId,
        operation.method(),
        path,
        team,
        headers,
        contentType,
        json,
        upload == null ? null : upload.bytes(),
        kind != Kind.NO_TOKEN);
  }

  /** Simpler variants of this step, simplest first, for shrinking. */
  List<Step> simpler() {
    List<Step> variants = new ArrayList<>();
    if (upload != null && upload.size() > 0) {
      variants.add(withUpload(new Upload(upload.token(), 0)));
      if (upload.size() > 1) {
        variants.add(withUpload(new Upload(upload.token(), upload.size() / 2)));
      }
    }
    if (!headers.isEmpty()) {
      variants.add(withHeaders(Map.of()));
      for (String name : headers.keySet()) {
        Map<String, String> fewer = new LinkedHashMap<>(headers);
        fewer.remove(name);
        variants.add(withHeaders(fewer));
      }
    }
    if (json != null) {
      JsonNode shorter = shortenLongestArray(json.deepCopy());
      if (shorter != null) {
        variants.add(
            new Step(kind, operationId, team, hash, headers, upload, shorter, invalid, rule));
      }
    }
    if (team != 0 && kind != Kind.INVALID) {
      variants.add(new Step(kind, operationId, 0, hash, headers, upload, json, invalid, rule));
    }
    return variants;
  }

  /**
   * The same step with {@code hash} renamed to {@code shorter}, in the path and in the JSON body
   * alike.
   */
  Step withHashRenamed(String hash, String shorter) {
    JsonNode renamed = json == null ? null : renamed(json.deepCopy(), hash, shorter);
    return new Step(
        kind,
        operationId,
        team,
        hash.equals(this.hash) ? shorter : this.hash,
        headers,
        upload,
        renamed,
        invalid,
        rule);
  }

  private static JsonNode renamed(JsonNode node, String from, String to) {
    if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        if (array.get(i).isTextual() && array.get(i).asText().equals(from)) {
          array.set(i, com.fasterxml.jackson.databind.node.TextNode.valueOf(to));
        } else {
          renamed(array.get(i), from, to);
        }
      }
    } else if (node instanceof ObjectNode object) {
      object
          .properties()
          .forEach(
              field -> {
                if (field.getValue().isTextual() && field.getValue().asText().equals(from)) {
                  field.setValue(com.fasterxml.jackson.databind.node.TextNode.valueOf(to));
                } else {
                  renamed(field.getValue(), from, to);
                }
              });
    }
    return node;
  }

  private Step withUpload(Upload smaller) {
    return new Step(kind, operationId, team, hash, headers, smaller, json, invalid, rule);
  }

  private Step withHeaders(Map<String, String> fewer) {
    return new Step(kind, operationId, team, hash, fewer, upload, json, invalid, rule);
  }

  /**
   * The copy with its longest array cut to half (to 1 item from 2, to none from 1); null when none
   * can shrink.
   */
  private static JsonNode shortenLongestArray(JsonNode root) {
    ArrayNode longest = longestArray(root, null);
    if (longest == null || longest.isEmpty()) {
      return null;
    }
    int keep = longest.size() == 1 ? 0 : longest.size() / 2;
    while (longest.size() > keep) {
      longest.remove(longest.size() - 1);
    }
    return root;
  }

  private static ArrayNode longestArray(JsonNode node, ArrayNode best) {
    if (node instanceof ArrayNode array) {
      if (best == null || array.size() > best.size()) {
        best = array;
      }
      for (JsonNode item : array) {
        best = longestArray(item, best);
      }
    } else if (node instanceof ObjectNode object) {
      for (JsonNode value : (Iterable<JsonNode>) object::elements) {
        best = longestArray(value, best);
      }
    }
    return best;
  }

  String describe() {
    return switch (kind) {
      case VALID -> operationId;
      case NO_TOKEN -> operationId + " without a token";
      case INVALID -> operationId + " breaking " + rule;
    };
  }
}
