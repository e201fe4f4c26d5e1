package dev.remotecache.mock.internal.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.remotecache.client.model.ErrorDetail;
import dev.remotecache.client.model.ErrorResponse;
import dev.remotecache.client.model.Violation;
import java.util.List;

/**
 * The API's error body ({@code {"error": {"code", "message", "violations"}}}, the spec's {@code
 * ErrorResponse}), written the same way wherever the mock answers an error: a rejected request, a
 * refused admin call, an injected fault, an unreachable proxy target, Jetty's own refusals.
 */
public final class ErrorBodies {

  private ErrorBodies() {}

  /** An error that is not about the contract (no violations). */
  public static byte[] of(String code, String message) {
    return of(code, message, null);
  }

  /** An error naming every violation ({@code null} for none). */
  public static byte[] of(String code, String message, List<Violation> violations) {
    return of(code, message, violations, violations == null ? null : violations.size());
  }

  /**
   * An error naming {@code violations}, the first of {@code violationCount} ({@code null}s for
   * none).
   */
  public static byte[] of(
      String code, String message, List<Violation> violations, Integer violationCount) {
    ErrorDetail error =
        new ErrorDetail()
            .code(code)
            .message(message)
            .violations(violations)
            .violationCount(violationCount);
    try {
      return MockJson.mapper().writeValueAsBytes(new ErrorResponse().error(error));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write an error body", e);
    }
  }
}
