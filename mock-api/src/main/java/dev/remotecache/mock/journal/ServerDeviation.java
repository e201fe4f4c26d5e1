package dev.remotecache.mock.journal;

import dev.remotecache.client.model.Violation;
import java.time.Instant;
import java.util.List;

/**
 * An answer of the real server (behind {@code --proxy}) that breaks the spec, and how: the first
 * departures (at most {@code MockSettings.maxViolations()}), and how many there are in all, as a
 * {@link Rejection} keeps a request's.
 *
 * @param violationCount how many departures the answer has, {@code violations} and those it leaves
 *     out
 */
public record ServerDeviation(
    Instant receivedAt,
    String method,
    String url,
    int status,
    List<Violation> violations,
    int violationCount) {

  public ServerDeviation {
    violations = List.copyOf(violations);
    violationCount = Math.max(violationCount, violations.size());
  }

  /** A deviation naming every departure. */
  public ServerDeviation(
      Instant receivedAt, String method, String url, int status, List<Violation> violations) {
    this(receivedAt, method, url, status, violations, violations.size());
  }
}
