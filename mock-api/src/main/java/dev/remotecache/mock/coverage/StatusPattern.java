package dev.remotecache.mock.coverage;

import java.util.regex.Pattern;

/** A status as requirements name it: a code ({@code 404}) or a class ({@code 4xx}). */
final class StatusPattern {

  private static final Pattern FORM = Pattern.compile("[1-5](\\d\\d|xx)");

  private StatusPattern() {}

  static boolean isValid(String pattern) {
    return FORM.matcher(pattern).matches();
  }

  /** Whether the status {@code served} ("404") is one {@code pattern} ("4xx", "404") names. */
  static boolean matches(String pattern, String served) {
    return pattern.endsWith("xx")
        ? served.length() == 3 && served.charAt(0) == pattern.charAt(0)
        : pattern.equals(served);
  }
}
