package dev.remotecache.mock.internal.workbench;

import dev.remotecache.mock.overrides.ForcedResponse;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads a Prism-style {@code Prefer: code=403, example=paused} request header: which documented
 * answer the client asks for. Other preferences (RFC 7240's {@code return=minimal}, ...) are
 * ignored.
 */
public final class PreferHeader {

  private PreferHeader() {}

  /**
   * The response asked for, if the header asks for one.
   *
   * @throws IllegalArgumentException when {@code code} is not a number
   */
  public static Optional<ForcedResponse> parse(String operationId, String header) {
    if (header == null || header.isBlank()) {
      return Optional.empty();
    }
    Integer code = null;
    String example = null;
    for (String part : header.split("[,;]")) {
      String[] pair = part.trim().split("=", 2);
      if (pair.length != 2) {
        continue;
      }
      String value = pair[1].trim().replace("\"", "");
      switch (pair[0].trim().toLowerCase(Locale.ROOT)) {
        case "code" -> {
          try {
            code = Integer.parseInt(value);
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Prefer: code=" + value + " is not a status code");
          }
        }
        case "example" -> example = value;
        default -> {}
      }
    }
    if (code == null) {
      if (example != null) {
        throw new IllegalArgumentException(
            "Prefer: example=" + example + " needs a code=... to say which answer");
      }
      return Optional.empty();
    }
    return Optional.of(new ForcedResponse(operationId, code, example, null));
  }
}
