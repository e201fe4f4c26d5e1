package dev.remotecache.mock.coverage;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What one operation of the spec met during a run.
 *
 * @param method and {@code path}: the operation's route, as the spec declares it
 * @param calls the requests for it, accepted or not
 * @param rejected those refused for breaking the contract
 * @param documentedResponses the statuses the spec documents for it
 * @param served each status answered, with how often (documented or not: an injected 503 too)
 * @param neverServed the documented statuses never answered
 * @param violations the constraints its requests broke, with how often
 * @param preferCodes the documented answers asked for with {@code Prefer: code=...}, with how often
 * @param forcedResponses the forced responses served (by status), with how often
 * @param faults the injected faults met (by kind), with how often
 * @param stubs the stubs that answered (by name and id), with how often
 */
public record OperationCoverage(
    String operationId,
    String method,
    String path,
    long calls,
    long rejected,
    List<String> documentedResponses,
    SortedMap<String, Long> served,
    List<String> neverServed,
    List<ViolatedConstraint> violations,
    SortedMap<String, Long> preferCodes,
    SortedMap<String, Long> forcedResponses,
    SortedMap<String, Long> faults,
    SortedMap<String, Long> stubs) {

  public OperationCoverage {
    documentedResponses = List.copyOf(documentedResponses);
    served = sorted(served);
    neverServed = List.copyOf(neverServed);
    violations = List.copyOf(violations);
    preferCodes = sorted(preferCodes);
    forcedResponses = sorted(forcedResponses);
    faults = sorted(faults);
    stubs = sorted(stubs);
  }

  /**
   * Whether it answered {@code status} at least once: a code ({@code "404"}) or a class ({@code
   * "4xx"}).
   */
  public boolean met(String status) {
    String wanted = status.trim().toLowerCase(java.util.Locale.ROOT);
    return served.keySet().stream().anyMatch(s -> StatusPattern.matches(wanted, s));
  }

  private static SortedMap<String, Long> sorted(Map<String, Long> counts) {
    return java.util.Collections.unmodifiableSortedMap(
        new TreeMap<>(counts == null ? Map.of() : counts));
  }
}
