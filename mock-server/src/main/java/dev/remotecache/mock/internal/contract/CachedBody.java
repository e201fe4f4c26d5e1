package dev.remotecache.mock.internal.contract;

import com.atlassian.oai.validator.model.Body;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.swagger.v3.core.util.Json;
import java.io.IOException;
import java.nio.charset.Charset;
import java.util.Optional;

/**
 * A request body for the validator, parsed at most once: the validator's JSON tree and the check
 * for content after the JSON value read the same parse (for a 100-event batch the parse is a tenth
 * of the request's cost). Parsed with the mapper the validator's own {@code ByteArrayBody} uses, so
 * the validator sees exactly the same tree.
 */
public final class CachedBody implements Body {

  private final byte[] bytes;
  private boolean parsed;
  private JsonNode tree;
  private IOException malformed;
  private IOException trailing;

  public CachedBody(byte[] bytes) {
    this.bytes = bytes;
  }

  @Override
  public boolean hasBody() {
    return bytes.length > 0;
  }

  @Override
  public synchronized JsonNode toJsonNode() throws IOException {
    parse();
    if (malformed != null) {
      throw malformed;
    }
    return tree;
  }

  @Override
  public String toString(Charset encoding) {
    return new String(bytes, encoding);
  }

  /**
   * Why the body is not one JSON value: it is malformed, or something follows the value; empty if
   * it is one.
   */
  public synchronized Optional<IOException> notOneJsonValue() {
    parse();
    return Optional.ofNullable(malformed != null ? malformed : trailing);
  }

  private void parse() {
    if (parsed) {
      return;
    }
    parsed = true;
    try (JsonParser parser = Json.mapper().getFactory().createParser(bytes)) {
      JsonNode read = Json.mapper().readTree(parser);
      tree =
          read == null
              ? MissingNode.getInstance()
              : read; // as readTree(byte[]) answers blank input
      try {
        JsonToken after = parser.nextToken();
        if (after != null) {
          trailing =
              new JsonParseException(
                  parser, "unexpected " + after + " after the end of the JSON value");
        }
      } catch (IOException garbage) {
        trailing = garbage;
      }
    } catch (IOException e) {
      malformed = e;
    }
  }
}
