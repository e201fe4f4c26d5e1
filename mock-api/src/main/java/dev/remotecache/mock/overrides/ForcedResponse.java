package dev.remotecache.mock.overrides;

import java.util.Objects;

/**
 * An answer the spec documents for an operation, given instead of the mock's own: {@code status}
 * with the named {@code example} (or the response's default example), for the next {@code times}
 * requests of the operation ({@code null}: until cleared).
 */
public record ForcedResponse(String operationId, int status, String example, Integer times) {

  public ForcedResponse {
    Objects.requireNonNull(operationId, "operationId");
    if (times != null && times < 1) {
      throw new IllegalArgumentException(
          "times must be at least 1 (or absent for always), got " + times);
    }
  }

  /** {@code status} for every request of {@code operationId} until cleared. */
  public static ForcedResponse of(String operationId, int status) {
    return new ForcedResponse(operationId, status, null, null);
  }

  public ForcedResponse withExample(String name) {
    return new ForcedResponse(operationId, status, name, times);
  }

  public ForcedResponse times(int n) {
    return new ForcedResponse(operationId, status, example, n);
  }
}
