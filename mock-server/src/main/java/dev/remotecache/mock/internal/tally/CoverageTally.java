package dev.remotecache.mock.internal.tally;

import dev.remotecache.client.model.Violation;
import dev.remotecache.contract.core.ApiContract;
import dev.remotecache.mock.coverage.ContractCoverage;
import dev.remotecache.mock.coverage.OperationCoverage;
import dev.remotecache.mock.coverage.ViolatedConstraint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

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
  // Counted without a lock: every request counts, and one lock made them wait for each other.
  private final Map<String, Counts> operations = new ConcurrentHashMap<>();
  private final LongAdder unmatched = new LongAdder();

  /**
   * Counts the operations of {@code contract}; its routes are read only when a snapshot is made.
   */
  public CoverageTally(ApiContract contract) {
    this.contract = contract;
  }

  public void count(Hit hit) {
    if (hit.operationId() == null) {
      unmatched.increment();
      return;
    }
    Counts counts = operations.computeIfAbsent(hit.operationId(), id -> new Counts());
    counts.calls.increment();
    if (!hit.accepted()) {
      counts.rejected.increment();
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
    unmatched.reset();
  }

  /** The coverage so far: every operation of the spec, in its order, called or not. */
  public synchronized ContractCoverage snapshot() {
    List<OperationCoverage> result = new ArrayList<>();
    for (ApiContract.Route route : contract.routes()) {
      Counts counts = operations.getOrDefault(route.operationId(), new Counts());
      long calls = counts.calls.sum();
      List<String> documented = List.copyOf(route.operation().getResponses().keySet());
      List<String> neverServed =
          documented.stream().filter(code -> !counts.served.containsKey(code)).toList();
      List<ViolatedConstraint> violations = new ArrayList<>();
      counts.violations.forEach(
          (place, times) ->
              violations.add(
                  new ViolatedConstraint(place.get(0), place.get(1), place.get(2), times.sum())));
      result.add(
          new OperationCoverage(
              route.operationId(),
              route.method(),
              route.pathTemplate(),
              calls,
              counts.rejected.sum(),
              documented,
              sums(counts.served),
              neverServed,
              violations,
              sums(counts.preferCodes),
              sums(counts.forced),
              sums(counts.faults),
              sums(counts.stubs)));
    }
    return new ContractCoverage(result, unmatched.sum());
  }

  private static <K> void add(Map<K, LongAdder> counts, K key) {
    counts.computeIfAbsent(key, k -> new LongAdder()).increment();
  }

  private static TreeMap<String, Long> sums(Map<String, LongAdder> counts) {
    TreeMap<String, Long> sums = new TreeMap<>();
    counts.forEach((key, count) -> sums.put(key, count.sum()));
    return sums;
  }

  /** One operation's counts. */
  private static final class Counts {
    final LongAdder calls = new LongAdder();
    final LongAdder rejected = new LongAdder();
    final Map<String, LongAdder> served = new ConcurrentHashMap<>();
    // In the order first seen (as the coverage lists them): a concurrent map that keeps order.
    final Map<List<String>, LongAdder> violations =
        java.util.Collections.synchronizedMap(new LinkedHashMap<>());
    final Map<String, LongAdder> preferCodes = new ConcurrentHashMap<>();
    final Map<String, LongAdder> forced = new ConcurrentHashMap<>();
    final Map<String, LongAdder> faults = new ConcurrentHashMap<>();
    final Map<String, LongAdder> stubs = new ConcurrentHashMap<>();
  }
}
