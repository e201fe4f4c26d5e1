package dev.remotecache.mock.journal;

import dev.remotecache.client.model.Violation;
import java.time.Instant;
import java.util.List;

/**
 * A request the mock refused, with the status it answered and the violations it found: the first
 * ones its answer named (at most {@code MockSettings.maxViolations()}), and how many there are in
 * all.
 *
 * @param violationCount how many violations the request has, {@code violations} and those it leaves
 *     out
 */
public record Rejection(
    Instant receivedAt,
    String method,
    String url,
    int status,
    List<Violation> violations,
    int violationCount) {

  public Rejection {
    violations = List.copyOf(violations);
    violationCount = Math.max(violationCount, violations.size());
  }

  /** A rejection naming every violation. */
  public Rejection(
      Instant receivedAt, String method, String url, int status, List<Violation> violations) {
    this(receivedAt, method, url, status, violations, violations.size());
  }
}
