package dev.remotecache.contract;

/**
 * A request that breaks exactly one rule of the spec, and what a conforming server must say: the
 * status, and a violation at {@code in}/{@code at} naming {@code rule}.
 */
public record ConstraintCase(
    String in,
    String at,
    String rule,
    int expectedStatus,
    ContractRequest request,
    boolean answerNamesViolation) {

  public ConstraintCase(
      String in, String at, String rule, int expectedStatus, ContractRequest request) {
    this(in, at, rule, expectedStatus, request, true);
  }

  /** The same case for an answer without a body (HEAD): only the status can be checked. */
  public ConstraintCase statusOnly() {
    return new ConstraintCase(in, at, rule, expectedStatus, request, false);
  }

  /** A readable test name: {@code recordEvents: body /0/source enum}. */
  public String name() {
    return request.operationId()
        + ": "
        + in
        + " "
        + (at.isEmpty() ? "(whole body)" : at)
        + " "
        + rule
        + (answerNamesViolation ? "" : " (status only)");
  }
}
