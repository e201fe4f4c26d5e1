package dev.remotecache.mock.internal.check;

import dev.remotecache.mock.coverage.ContractCoverage;
import dev.remotecache.mock.coverage.OperationCoverage;
import dev.remotecache.mock.coverage.ResponseRequirement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * What a run must have done beyond breaking nothing, as the check's options say it: operations
 * called, answers met ({@link ResponseRequirement}), events seen or not seen.
 */
public final class Requirements {

  /**
   * The group of the requirements the check's options give (its JUnit class, its report section).
   */
  public static final String REQUIREMENTS = "requirements";

  /**
   * One requirement: its text as the user wrote it, and what it finds missing.
   *
   * @param group its kind, the suffix of its JUnit class ({@link #REQUIREMENTS}, or {@code
   *     exchanges} for a replay's)
   */
  public record Requirement(
      String group, String name, Function<CheckInput, Optional<String>> unmet) {
    public Requirement(String name, Function<CheckInput, Optional<String>> unmet) {
      this(REQUIREMENTS, name, unmet);
    }
  }

  private final List<Requirement> all;

  private Requirements(List<Requirement> all) {
    this.all = List.copyOf(all);
  }

  /** These requirements (a replay's: one per exchange). */
  public static Requirements of(List<Requirement> requirements) {
    return new Requirements(requirements);
  }

  public static Requirements none() {
    return new Requirements(List.of());
  }

  /**
   * Reads the options' values.
   *
   * @param operationIds the spec's operations; operation names must be among them
   * @throws IllegalArgumentException for a value that is malformed or names nothing in the spec
   */
  public static Requirements parse(
      List<String> operationIds,
      List<String> operations,
      List<String> responses,
      List<String> requiredEvents,
      List<String> forbiddenEvents) {
    List<Requirement> all = new ArrayList<>();
    for (String operation : operations) {
      if (!operationIds.contains(operation)) {
        throw new IllegalArgumentException(
            "'" + operation + "' is not an operation of the spec; one of " + operationIds);
      }
      all.add(
          new Requirement(
              "--require-operation " + operation,
              input ->
                  calls(input.coverage(), operation) > 0
                      ? Optional.empty()
                      : Optional.of(operation + " was never called")));
    }
    for (String response : responses) {
      ResponseRequirement requirement = ResponseRequirement.parse(response, operationIds);
      all.add(
          new Requirement(
              "--require-response " + requirement, input -> requirement.unmetBy(input.coverage())));
    }
    for (String event : requiredEvents) {
      EventPattern pattern = EventPattern.parse(event);
      all.add(
          new Requirement(
              "--require-event " + pattern,
              input ->
                  count(input, pattern) > 0
                      ? Optional.empty()
                      : Optional.of(
                          "no "
                              + pattern
                              + " event among the "
                              + input.events().size()
                              + " recorded")));
    }
    for (String event : forbiddenEvents) {
      EventPattern pattern = EventPattern.parse(event);
      all.add(
          new Requirement(
              "--forbid-event " + pattern,
              input -> {
                long n = count(input, pattern);
                return n == 0
                    ? Optional.empty()
                    : Optional.of(n + " " + pattern + " event(s) recorded, none allowed");
              }));
    }
    return new Requirements(all);
  }

  public List<Requirement> all() {
    return all;
  }

  private static long calls(ContractCoverage coverage, String operation) {
    return coverage.operation(operation).map(OperationCoverage::calls).orElse(0L);
  }

  private static long count(CheckInput input, EventPattern pattern) {
    return input.events().stream().filter(pattern::matches).count();
  }
}
