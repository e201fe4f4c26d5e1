package dev.remotecache.mock.internal.workbench;

import dev.remotecache.mock.overrides.FaultRule;
import dev.remotecache.mock.overrides.ForcedResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The forced responses and faults in effect, per operation. The newest rule for an operation wins;
 * a rule with {@code times} is spent after that many requests. Thread-safe.
 */
public final class ResponseOverrides {

  private final List<Counted<ForcedResponse>> forced = new ArrayList<>();
  private final List<Counted<FaultRule>> faults = new ArrayList<>();

  /**
   * Whether any rule is in effect, read without the lock: every request asks, and with none set
   * (most of the time) the requests never wait for each other on the lock.
   */
  private volatile boolean anyForced;

  private volatile boolean anyFaults;

  public synchronized void force(ForcedResponse response) {
    forced.add(0, new Counted<>(response, response.times()));
    anyForced = true;
  }

  public synchronized void inject(FaultRule fault) {
    faults.add(0, new Counted<>(fault, fault.times()));
    anyFaults = true;
  }

  /** The forced response for this request of {@code operationId}, if any (counting it). */
  public Optional<ForcedResponse> forcedFor(String operationId) {
    if (!anyForced) {
      return Optional.empty();
    }
    synchronized (this) {
      Optional<ForcedResponse> taken = take(forced, f -> f.operationId().equals(operationId), null);
      anyForced = !forced.isEmpty();
      return taken;
    }
  }

  /** The fault for this request of {@code operationId}, if any hits it (counting it). */
  public Optional<FaultRule> faultFor(String operationId) {
    if (!anyFaults) {
      return Optional.empty();
    }
    synchronized (this) {
      Optional<FaultRule> taken = take(faults, f -> f.appliesTo(operationId), f -> f.share());
      anyFaults = !faults.isEmpty();
      return taken;
    }
  }

  /** Whether any fault is in effect (for any operation). */
  public synchronized boolean hasFaults() {
    return !faults.isEmpty();
  }

  public synchronized List<ForcedResponse> forcedResponses() {
    return forced.stream().map(Counted::rule).toList();
  }

  public synchronized List<FaultRule> faults() {
    return faults.stream().map(Counted::rule).toList();
  }

  public synchronized void clear() {
    forced.clear();
    faults.clear();
    anyForced = false;
    anyFaults = false;
  }

  public synchronized void clearForcedResponses() {
    forced.clear();
    anyForced = false;
  }

  public synchronized void clearFaults() {
    faults.clear();
    anyFaults = false;
  }

  private static <T> Optional<T> take(
      List<Counted<T>> rules, Predicate<T> matches, Function<T, Double> shareOf) {
    for (Iterator<Counted<T>> it = rules.iterator(); it.hasNext(); ) {
      Counted<T> rule = it.next();
      if (!matches.test(rule.rule())) {
        continue;
      }
      Double share = shareOf == null ? null : shareOf.apply(rule.rule());
      if (share != null && ThreadLocalRandom.current().nextDouble() >= share) {
        return Optional.empty(); // this request is one the fault spares
      }
      if (rule.remaining != null && --rule.remaining == 0) {
        it.remove();
      }
      return Optional.of(rule.rule());
    }
    return Optional.empty();
  }

  private static final class Counted<T> {
    private final T rule;
    private Integer remaining;

    Counted(T rule, Integer remaining) {
      this.rule = rule;
      this.remaining = remaining;
    }

    T rule() {
      return rule;
    }
  }
}
