package dev.remotecache.mock.internal.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A URL's query string as the validator reads it: decoded names, each with its values in order. */
public final class QueryString {

  private QueryString() {}

  /**
   * @param rawQuery the part after {@code ?}, still %-encoded; empty or {@code null} for none
   */
  public static Map<String, List<String>> parse(String rawQuery) {
    Map<String, List<String>> params = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return params;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      params.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }
    return params;
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException malformed) {
      return s; // a broken %-escape is passed on as it came; validation reports on the raw value
    }
  }
}
