package dev.remotecache.mock.internal.coverage;

import dev.remotecache.client.model.Violation;
import dev.remotecache.contract.core.ApiContract;
import dev.remotecache.mock.coverage.ContractCoverage;
import dev.remotecache.mock.coverage.OperationCoverage;
import dev.remotecache.mock.coverage.ViolatedConstraint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The counts behind {@link ContractCoverage}: what each operation was asked and answered. Counted
 * once per request by the request recorder, forgotten with the journal; unbounded in time (a map
 * per operation, not a list per request). Thread-safe.
 */
public final class CoverageTally {

  /**
   * One answered request, as coverage sees it.
   *
   * @param operationId the spec's operation, or {@code null} when the request matched none
   * @param preferCode the status asked for with {@code Prefer: code=...} and served, or {@code
   *     null}
   * @param forcedStatus the forced response's status served, or {@code null}
   * @param fault the injected fault's kind, or {@code null}
   * @param stub the stub that answered, by name and id, or {@code null}
   */
  public record Hit(
      String operationId,
      int status,
      boolean accepted,
      List<Violation> violations,
      Integer preferCode,
      Integer forcedStatus,
      String fault,
      String stub) {}

  private final ApiContract contract;
  private final Map<String, Counts> operations = new HashMap<>();
  private long unmatched;

  /**
   * Counts the operations of {@code contract}; its routes are read only when a snapshot is made.
   */
  public CoverageTally(ApiContract contract) {
    this.contract = contract;
  }

  public synchronized void count(Hit hit) {
    if (hit.operationId() == null) {
      unmatched++;
      return;
    }
    Counts counts = operations.computeIfAbsent(hit.operationId(), id -> new Counts());
    counts.calls++;
    if (!hit.accepted()) {
      counts.rejected++;
    }
    add(counts.served, String.valueOf(hit.status()));
    for (Violation v : hit.violations()) {
      add(
          counts.violations,
          List.of(
              String.valueOf(v.getIn()), String.valueOf(v.getAt()), String.valueOf(v.getRule())));
    }
    if (hit.preferCode() != null) {
      add(counts.preferCodes, String.valueOf(hit.preferCode()));
    }
    if (hit.forcedStatus() != null) {
      add(counts.forced, String.valueOf(hit.forcedStatus()));
    }
    if (hit.fault() != null) {
      add(counts.faults, hit.fault());
    }
    if (hit.stub() != null) {
      add(counts.stubs, hit.stub());
    }
  }

  /** Forgets every count (with the journal). */
  public synchronized void reset() {
    operations.clear();
    unmatched = 0;
  }

  /** The coverage so far: every operation of the spec, in its order, called or not. */
  public synchronized ContractCoverage snapshot() {
    List<OperationCoverage> result = new ArrayList<>();
    for (ApiContract.Route route : contract.routes()) {
      Counts counts = operations.getOrDefault(route.operationId(), new Counts());
      List<String> documented = List.copyOf(route.operation().getResponses().keySet());
      List<String> neverServed =
          documented.stream().filter(code -> !counts.served.containsKey(code)).toList();
      List<ViolatedConstraint> violations = new ArrayList<>();
      counts.violations.forEach(
          (place, times) ->
              violations.add(
                  new ViolatedConstraint(place.get(0), place.get(1), place.get(2), times)));
      result.add(
          new OperationCoverage(
              route.operationId(),
              route.method(),
              route.pathTemplate(),
              counts.calls,
              counts.rejected,
              documented,
              new TreeMap<>(counts.served),
              neverServed,
              violations,
              new TreeMap<>(counts.preferCodes),
              new TreeMap<>(counts.forced),
              new TreeMap<>(counts.faults),
              new TreeMap<>(counts.stubs)));
    }
    return new ContractCoverage(result, unmatched);
  }

  private static <K> void add(Map<K, Long> counts, K key) {
    counts.merge(key, 1L, Long::sum);
  }

  /** One operation's counts. */
  private static final class Counts {
    long calls;
    long rejected;
    final Map<String, Long> served = new TreeMap<>();
    final Map<List<String>, Long> violations = new LinkedHashMap<>();
    final Map<String, Long> preferCodes = new TreeMap<>();
    final Map<String, Long> forced = new TreeMap<>();
    final Map<String, Long> faults = new TreeMap<>();
    final Map<String, Long> stubs = new TreeMap<>();
  }
}
