package dev.remotecache.mock.internal.contract;

import com.atlassian.oai.validator.model.ApiOperation;
import dev.remotecache.client.model.Violation;
import dev.remotecache.client.model.ViolationLocation;
import dev.remotecache.mock.internal.text.ViolationText;
import java.util.List;
import java.util.Optional;

/**
 * What the contract says of one request: the operation it is for (when the spec declares one), the
 * violations found (the first ones, when there are more than the mock names in one answer) and how
 * many there are in all. A request without violations is accepted.
 *
 * @param violationCount how many violations the request has, {@code violations} and those it leaves
 *     out
 */
public record RequestVerdict(
    Optional<ApiOperation> operation, List<Violation> violations, int violationCount) {

  public RequestVerdict {
    violations = List.copyOf(violations);
    if (violationCount < violations.size()) {
      throw new IllegalArgumentException(
          violationCount + " violations counted, " + violations.size() + " named");
    }
  }

  /** A verdict naming every violation. */
  public RequestVerdict(Optional<ApiOperation> operation, List<Violation> violations) {
    this(operation, violations, violations.size());
  }

  public boolean accepted() {
    return violations.isEmpty();
  }

  /**
   * The status a rejection is answered with, from the most basic problem: no such route (404), a
   * method the route does not allow (405), no valid credentials (401), a body over the size limit
   * (413), anything else (400).
   */
  public int status() {
    if (accepted()) {
      throw new IllegalStateException("an accepted request has no error status");
    }
    if (has(ViolationLocation.PATH, ViolationRule.PATH)) return ErrorCode.NOT_FOUND.status();
    if (has(ViolationLocation.METHOD, ViolationRule.METHOD))
      return ErrorCode.METHOD_NOT_ALLOWED.status();
    if (violations.stream().anyMatch(v -> v.getIn() == ViolationLocation.SECURITY))
      return ErrorCode.NOT_AUTHORIZED.status();
    if (violations.stream().anyMatch(v -> ViolationRule.BODY_SIZE.is(v.getRule())))
      return ErrorCode.PAYLOAD_TOO_LARGE.status();
    return ErrorCode.BAD_REQUEST.status();
  }

  /** The API's snake_case error code for {@link #status()}. */
  public ErrorCode errorCode() {
    return ErrorCode.forStatus(status());
  }

  /** One sentence naming the violations, for the error message. */
  public String summary() {
    return (violationCount == 1
            ? "The request breaks the contract in 1 place: "
            : "The request breaks the contract in "
                + violationCount
                + " places"
                + (violationCount > violations.size()
                    ? " (the first " + violations.size() + " named here): "
                    : ": "))
        + places();
  }

  /**
   * The violations named, {@code in at message}, separated by semicolons, and how many more there
   * are.
   */
  public String places() {
    return places(violations.size());
  }

  /**
   * The first {@code max} violations, {@code in at message}, and how many more there are (for the
   * request log).
   */
  public String places(int max) {
    StringBuilder text = new StringBuilder();
    int named = Math.min(max, violations.size());
    for (int i = 0; i < named; i++) {
      Violation v = violations.get(i);
      text.append(i == 0 ? "" : "; ");
      // Path and method messages name the path themselves.
      boolean locatedByMessage =
          ViolationRule.PATH.is(v.getRule()) || ViolationRule.METHOD.is(v.getRule());
      if (!locatedByMessage) {
        text.append(ViolationText.place(v)).append(' ');
      }
      text.append(v.getMessage());
    }
    if (violationCount > named) {
      text.append("; and ").append(violationCount - named).append(" more");
    }
    return text.toString();
  }

  private boolean has(ViolationLocation in, ViolationRule rule) {
    return violations.stream().anyMatch(v -> v.getIn() == in && rule.is(v.getRule()));
  }
}
