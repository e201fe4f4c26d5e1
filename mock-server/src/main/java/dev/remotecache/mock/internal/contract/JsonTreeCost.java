package dev.remotecache.mock.internal.contract;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * What a JSON body will cost the heap once parsed into the tree the validator reads ({@link
 * CachedBody}), counted from its tokens without building anything: the bytes themselves, plus per
 * token what Jackson's tree keeps for it (on a 64-bit JVM with compressed pointers). The tree of
 * the same number of bytes ranges from 2 times the body (small numbers) to over 30 times (empty
 * objects), so the size alone cannot tell; the count reads at tens of megabytes a second.
 */
public final class JsonTreeCost {

  // Bytes per token, rounded up from the heap a tree of each shape keeps (bench/json-bodies.sh).
  static final int OBJECT = 96; // ObjectNode, its LinkedHashMap, its slot in the parent
  static final int TABLE = 80; // the map's table, made with its first field
  static final int ARRAY = 64; // ArrayNode, its ArrayList and array, its slot in the parent
  static final int FIELD = 56; // the map entry, its table slot, the name's String (its text aside)
  static final int STRING = 64; // TextNode, String, byte[] header (the text is in the body bytes)
  static final int NUMBER = 32; // IntNode/LongNode/DoubleNode, its slot
  static final int OTHER = 8; // true, false, null: shared nodes, a slot

  /**
   * The most a body and its tree cost per byte of the body, whatever it holds: a body that is
   * {@code {}} alone (two bytes, one object). Every other token takes more bytes for its weight.
   */
  public static final int MOST_PER_BODY_BYTE = 1 + (OBJECT + 1) / 2;

  // Field names as separate strings (no symbol table that would keep a million distinct names).
  private static final JsonFactory COUNTING =
      JsonFactory.builder().disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES).build();

  private JsonTreeCost() {}

  /**
   * The body's bytes and the tree parsed from them, in bytes; for malformed JSON, what is parsed
   * before the error (the parse stops there too).
   */
  public static long of(byte[] body) {
    long cost = body.length;
    try (JsonParser parser = COUNTING.createParser(body)) {
      JsonToken previous = null;
      for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
        cost += weight(token);
        if (token == JsonToken.FIELD_NAME && previous == JsonToken.START_OBJECT) {
          cost += TABLE;
        }
        previous = token;
      }
    } catch (IOException malformed) {
      // counted up to the error
    }
    return cost;
  }

  private static int weight(JsonToken token) {
    return switch (token) {
      case START_OBJECT -> OBJECT;
      case START_ARRAY -> ARRAY;
      case FIELD_NAME -> FIELD;
      case VALUE_STRING, VALUE_EMBEDDED_OBJECT -> STRING;
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> NUMBER;
      case VALUE_TRUE, VALUE_FALSE, VALUE_NULL -> OTHER;
      default -> 0;
    };
  }
}
