package dev.remotecache.mock.coverage;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A minimum a run must reach: {@code OPERATION:STATUS}, for example {@code uploadArtifact:403} (the
 * client met the upload's 403) or {@code *:5xx} (every operation it called met a 5xx).
 *
 * @param operationId an operation of the spec, or {@code *} for every operation called
 * @param status a code ({@code 404}) or a class ({@code 4xx})
 */
public record ResponseRequirement(String operationId, String status) {

  /** The operation that stands for every operation called. */
  public static final String EVERY_CALLED = "*";

  /**
   * Reads {@code OPERATION:STATUS}.
   *
   * @param operationIds the spec's operations, which {@code OPERATION} must be one of
   * @throws IllegalArgumentException saying what is wrong and what is allowed
   */
  public static ResponseRequirement parse(String text, List<String> operationIds) {
    String[] parts = text.trim().split(":", 2);
    String status = parts.length == 2 ? parts[1].trim().toLowerCase(Locale.ROOT) : "";
    if (parts.length != 2 || !StatusPattern.isValid(status)) {
      throw new IllegalArgumentException(
          "'"
              + text
              + "' is not OPERATION:STATUS (a status such as 404, or a class such as 4xx),"
              + " e.g. uploadArtifact:403 or '*:5xx'");
    }
    String operation = parts[0].trim();
    if (!operation.equals(EVERY_CALLED) && !operationIds.contains(operation)) {
      throw new IllegalArgumentException(
          "'" + operation + "' is not an operation of the spec; one of " + operationIds + " or *");
    }
    return new ResponseRequirement(operation, status);
  }

  /** What is missing, in one line, or empty when {@code coverage} meets it. */
  public Optional<String> unmetBy(ContractCoverage coverage) {
    if (operationId.equals(EVERY_CALLED)) {
      List<String> without =
          coverage.called().stream()
              .filter(o -> !o.met(status))
              .map(o -> o.operationId() + " (met " + o.served().keySet() + ")")
              .toList();
      if (coverage.called().isEmpty()) {
        return Optional.of("no operation was called, so none met a " + status);
      }
      return without.isEmpty()
          ? Optional.empty()
          : Optional.of("never met a " + status + ": " + String.join(", ", without));
    }
    OperationCoverage operation =
        coverage
            .operation(operationId)
            .orElseThrow(() -> new IllegalArgumentException("no operation " + operationId));
    if (operation.met(status)) {
      return Optional.empty();
    }
    return Optional.of(
        operationId
            + " never met a "
            + status
            + (operation.calls() == 0
                ? " (never called)"
                : " (" + operation.calls() + " calls, met " + operation.served().keySet() + ")"));
  }

  @Override
  public String toString() {
    return operationId + ":" + status;
  }
}
