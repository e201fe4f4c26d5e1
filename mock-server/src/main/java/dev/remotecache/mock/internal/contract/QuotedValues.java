package dev.remotecache.mock.internal.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Writer;

/**
 * A value of the request as a violation quotes it: whole when its JSON text is short; otherwise, as
 * the spec's {@code violationCount} Decision says, a string of the text's first {@value #MAX_CHARS}
 * characters followed by {@code …}. A violation never carries a copy of a large part of the body.
 */
final class QuotedValues {

  /** The longest JSON text quoted whole. */
  static final int MAX_CHARS = 200;

  private static final String CUT = "…";

  private QuotedValues() {}

  /** The value for a violation's {@code actual}: the JSON value itself, or its text cut short. */
  static Object actual(ObjectMapper json, JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return null;
    }
    Text text = write(node);
    return text.cut() ? text.value() : json.convertValue(node, Object.class);
  }

  /** The value's JSON text for a message, cut short after {@value #MAX_CHARS} characters. */
  static String text(JsonNode node) {
    return write(node).value();
  }

  /** A message cut to at most {@code 5 * MAX_CHARS} characters. */
  static String message(String message) {
    int max = 5 * MAX_CHARS;
    return message == null || message.length() <= max ? message : message.substring(0, max) + CUT;
  }

  private record Text(String value, boolean cut) {}

  private static Text write(JsonNode node) {
    StringBuilder out = new StringBuilder();
    try {
      JsonText.MAPPER.writeValue(new Bounded(out), node);
      return new Text(out.toString(), false);
    } catch (Full full) {
      out.setLength(MAX_CHARS);
      return new Text(out.append(CUT).toString(), true);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write a JSON value", e);
    }
  }

  private static final class JsonText {
    // Plain JSON text, as JsonNode.toString() writes it.
    static final ObjectMapper MAPPER =
        new ObjectMapper()
            .disable(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET);
  }

  /** Thrown once the text passes the limit: the rest is never written. */
  private static final class Full extends IOException {
    private static final long serialVersionUID = 1L;

    Full() {
      super("the quoted text is full");
    }
  }

  private static final class Bounded extends Writer {
    private final StringBuilder out;

    Bounded(StringBuilder out) {
      this.out = out;
    }

    @Override
    public void write(char[] chars, int offset, int length) throws IOException {
      out.append(chars, offset, length);
      if (out.length() > MAX_CHARS) {
        throw new Full();
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }
}
