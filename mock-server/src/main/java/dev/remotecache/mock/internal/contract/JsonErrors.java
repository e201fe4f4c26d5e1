package dev.remotecache.mock.internal.contract;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;

/**
 * Short, one-line descriptions of JSON parse failures: what was wrong and at which line and column.
 */
final class JsonErrors {

  private JsonErrors() {}

  static String describe(IOException e) {
    if (e instanceof JsonProcessingException jpe) {
      JsonLocation location = jpe.getLocation();
      String where =
          location == null
              ? ""
              : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
      String what = jpe.getOriginalMessage().lines().findFirst().orElse("malformed JSON");
      // Jackson's own location text names a redacted source; the line and column are given once,
      // below.
      what =
          what.replaceAll("\\s*\\(start marker at \\[Source: [^\\]]*\\]\\)", "")
              .replaceAll("\\s*at \\[Source: [^\\]]*\\]", "");
      return what + where;
    }
    return e.getMessage();
  }
}
