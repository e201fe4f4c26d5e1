package dev.remotecache.mock.coverage;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which parts of the contract a client's run exercised: per operation of the spec (called or not),
 * its calls, the answers it met and those it never met, the constraints it broke, and the {@code
 * Prefer} codes, forced responses and faults it ran into. Counted from the mock's start or its last
 * journal reset.
 *
 * @param operations every operation of the spec, in the spec's order
 * @param unmatchedRequests requests that matched no operation (an unknown path or method)
 */
public record ContractCoverage(List<OperationCoverage> operations, long unmatchedRequests) {

  public ContractCoverage {
    operations = List.copyOf(operations);
  }

  /** The coverage of one operation, by its {@code operationId}. */
  public Optional<OperationCoverage> operation(String operationId) {
    return operations.stream().filter(o -> o.operationId().equals(operationId)).findFirst();
  }

  /** The operations called at least once. */
  public List<OperationCoverage> called() {
    return operations.stream().filter(o -> o.calls() > 0).toList();
  }

  /**
   * What of these requirements the run did not meet, one line each (empty: all met). A requirement
   * is {@code OPERATION:STATUS}, the status a code ({@code 404}) or a class ({@code 4xx}); {@code
   * *} for the operation means every operation called:
   *
   * <pre>{@code
   * assertEquals(List.of(), mock.coverage().unmet("uploadArtifact:403", "*:5xx"));
   * }</pre>
   *
   * @throws IllegalArgumentException for a requirement that is malformed or names no operation of
   *     the spec
   */
  public List<String> unmet(String... requirements) {
    List<String> unmet = new ArrayList<>();
    for (String requirement : requirements) {
      ResponseRequirement.parse(requirement, operationIds()).unmetBy(this).ifPresent(unmet::add);
    }
    return unmet;
  }

  List<String> operationIds() {
    return operations.stream().map(OperationCoverage::operationId).toList();
  }
}
