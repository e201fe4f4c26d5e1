package dev.remotecache.mock.internal.contract;

import dev.remotecache.client.model.Violation;
import dev.remotecache.client.model.ViolationLocation;
import java.util.Optional;

/**
 * The largest request body the mock accepts. A declared {@code Content-Length} over it is refused
 * before the body is read; a chunked body is measured once read.
 */
public record BodySizeLimit(long maxBytes) {

  public BodySizeLimit {
    if (maxBytes < 1) {
      throw new IllegalArgumentException(
          "the body size limit must be at least 1 byte, got " + maxBytes);
    }
  }

  /** The problem with a declared {@code Content-Length}, if any. */
  public Optional<Violation> checkDeclared(String contentLength) {
    if (contentLength == null) {
      return Optional.empty();
    }
    try {
      long declared = Long.parseLong(contentLength.trim());
      return declared > maxBytes
          ? Optional.of(violation("Content-Length", declared))
          : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty(); // the HTTP server itself refuses a malformed length
    }
  }

  /** The problem with a body already read (sent without a length), if any. */
  public Optional<Violation> checkRead(long length) {
    return length > maxBytes ? Optional.of(violation("", length)) : Optional.empty();
  }

  private Violation violation(String at, long actual) {
    boolean header = !at.isEmpty();
    return Violations.of(
            header ? ViolationLocation.HEADER : ViolationLocation.BODY,
            ViolationRule.BODY_SIZE,
            "the body must be at most " + maxBytes + " bytes, got " + actual)
        .at(at)
        .expected(maxBytes)
        .actual(actual);
  }
}
