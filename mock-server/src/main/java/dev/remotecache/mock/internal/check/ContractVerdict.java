package dev.remotecache.mock.internal.check;

import dev.remotecache.client.model.Violation;
import dev.remotecache.contract.core.JUnitXml;
import dev.remotecache.mock.coverage.OperationCoverage;
import dev.remotecache.mock.coverage.ViolatedConstraint;
import dev.remotecache.mock.journal.Rejection;
import dev.remotecache.mock.journal.ServerDeviation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Whether the contract held for what a mock received: no rejected request, no deviation of the real
 * server (behind {@code --proxy}), every requirement met. The one judgement behind both the {@code
 * check} command (data from the admin API) and {@code --report-on-exit} (data from the journal):
 * its test cases, its summary and its exit code.
 */
public final class ContractVerdict {

  public static final int EXIT_HOLDS = 0;
  public static final int EXIT_BROKEN = 1;
  public static final int EXIT_USAGE_OR_CONNECTION = 2;

  /** The JUnit suite's name, and the prefix of its test classes. */
  public static final String SUITE = "remote-cache-check";

  /** One requirement's result: {@code unmet} says what is missing, {@code null} when met. */
  public record RequirementResult(String group, String name, String unmet) {
    public boolean met() {
      return unmet == null;
    }
  }

  private final String command;
  private final String target;
  private final CheckInput input;
  private final List<RequirementResult> requirements;

  private ContractVerdict(
      String command, String target, CheckInput input, List<RequirementResult> requirements) {
    this.command = command;
    this.target = target;
    this.input = input;
    this.requirements = List.copyOf(requirements);
  }

  /**
   * @param target what was checked, for the reports (a URL, or "the mock on port N")
   */
  public static ContractVerdict of(CheckInput input, Requirements requirements, String target) {
    return of("check", input, requirements, target);
  }

  /**
   * @param command the command that judged ({@code check}, {@code replay}), for the summary
   */
  public static ContractVerdict of(
      String command, CheckInput input, Requirements requirements, String target) {
    List<RequirementResult> results = new ArrayList<>();
    for (Requirements.Requirement requirement : requirements.all()) {
      Optional<String> unmet = requirement.unmet().apply(input);
      results.add(
          new RequirementResult(requirement.group(), requirement.name(), unmet.orElse(null)));
    }
    return new ContractVerdict(command, target, input, results);
  }

  /** A rejected request the journal dropped (its limit) was still a rejection: it breaks it too. */
  public boolean holds() {
    return input.rejectedCount() == 0
        && input.deviations().isEmpty()
        && requirements.stream().allMatch(RequirementResult::met);
  }

  /**
   * The verdict in words, saying which part failed: a rejected request or a server deviation breaks
   * the contract; a requirement left unmet (an operation never called, say) is not a broken
   * contract.
   */
  public String headline() {
    if (holds()) {
      return "the contract holds";
    }
    List<String> failed = new ArrayList<>();
    long rejected = input.rejectedCount();
    if (rejected > 0) {
      failed.add(rejected + (rejected == 1 ? " rejected request" : " rejected requests"));
    }
    int deviations = input.deviations().size();
    if (deviations > 0) {
      failed.add(deviations + (deviations == 1 ? " server deviation" : " server deviations"));
    }
    long unmet = requirements.stream().filter(r -> !r.met()).count();
    if (unmet > 0) {
      failed.add(
          unmet
              + " of "
              + requirements.size()
              + (unmet == 1 ? " requirement" : " requirements")
              + " not met");
    }
    String what = String.join(", ", failed);
    return rejected > 0 || deviations > 0
        ? "the contract is BROKEN: " + what
        : "the contract holds, but the check FAILED: " + what;
  }

  public int exitCode() {
    return holds() ? EXIT_HOLDS : EXIT_BROKEN;
  }

  public String target() {
    return target;
  }

  public CheckInput input() {
    return input;
  }

  public List<RequirementResult> requirements() {
    return requirements;
  }

  /**
   * The test cases: one per operation called (failing when some of its requests were rejected), one
   * per rejected request and per server deviation (failing, naming each violation's place, rule and
   * value), one per requirement.
   */
  public List<JUnitXml.Case> cases() {
    List<JUnitXml.Case> cases = new ArrayList<>();
    for (OperationCoverage operation : input.coverage().called()) {
      String answers = "answered " + counts(operation.served());
      String failure =
          operation.rejected() == 0
              ? null
              : operation.rejected()
                  + " of "
                  + operation.calls()
                  + " requests broke the contract: "
                  + operation.violations().stream()
                      .map(ContractVerdict::describe)
                      .collect(Collectors.joining("; "));
      // Named by the operation alone, so that CI systems follow the same case from run to run.
      cases.add(
          new JUnitXml.Case(
              SUITE + ".operations",
              operation.operationId(),
              failure,
              failure == null ? null : failure + "\n" + operation.calls() + " calls, " + answers));
    }
    int n = 0;
    for (Rejection rejection : input.rejections()) {
      cases.add(
          violationCase(
              "rejections",
              "rejected #" + ++n + ": " + rejection.method() + " " + rejection.url(),
              rejection.violations(),
              "answered " + rejection.status() + " at " + rejection.receivedAt()));
    }
    n = 0;
    for (ServerDeviation deviation : input.deviations()) {
      cases.add(
          violationCase(
              "deviations",
              "server deviation #" + ++n + ": " + deviation.method() + " " + deviation.url(),
              deviation.violations(),
              "the real server answered " + deviation.status()));
    }
    if (input.droppedRejections() + input.droppedEvents() > 0) {
      cases.add(
          new JUnitXml.Case(
              SUITE + ".journal",
              "requests the journal limit dropped",
              input.droppedRejections() == 0 ? null : unseen(),
              unseen()));
    }
    for (RequirementResult requirement : requirements) {
      cases.add(
          new JUnitXml.Case(
              SUITE + "." + requirement.group(), requirement.name(), requirement.unmet(), null));
    }
    return cases;
  }

  /** A failing case for one answer that broke the contract, naming each violation. */
  private static JUnitXml.Case violationCase(
      String group, String name, List<Violation> violations, String answered) {
    return new JUnitXml.Case(
        SUITE + "." + group, name, violations(violations), answered + "\n" + lines(violations));
  }

  /** A few lines a person reads at a glance. */
  public String summary() {
    StringBuilder text = new StringBuilder();
    text.append("remote-cache-mock ")
        .append(command)
        .append(": ")
        .append(headline())
        .append(" (")
        .append(target)
        .append(")\n");
    List<OperationCoverage> called = input.coverage().called();
    long calls = called.stream().mapToLong(OperationCoverage::calls).sum();
    text.append("  ")
        .append(calls)
        .append(calls == 1 ? " request" : " requests")
        .append(" to ")
        .append(called.size())
        .append(called.size() == 1 ? " operation" : " operations")
        .append(called.isEmpty() ? "" : ": ")
        .append(
            called.stream()
                .map(o -> o.operationId() + " " + o.calls())
                .collect(Collectors.joining(", ")))
        .append('\n');
    long met = requirements.stream().filter(RequirementResult::met).count();
    text.append("  ")
        .append(input.rejectedCount())
        .append(" rejected, ")
        .append(input.deviations().size())
        .append(" server deviations, requirements met: ")
        .append(met)
        .append(" of ")
        .append(requirements.size())
        .append('\n');
    List<String> problems = new ArrayList<>();
    input
        .rejections()
        .forEach(
            r ->
                problems.add(
                    "rejected " + r.method() + " " + r.url() + ": " + violations(r.violations())));
    input
        .deviations()
        .forEach(
            d ->
                problems.add(
                    "server deviation "
                        + d.method()
                        + " "
                        + d.url()
                        + ": "
                        + violations(d.violations())));
    requirements.stream()
        .filter(r -> !r.met())
        .forEach(r -> problems.add("unmet " + r.name() + ": " + r.unmet()));
    if (input.droppedRejections() + input.droppedEvents() > 0) {
      text.append("  ").append(unseen()).append('\n');
    }
    int shown = Math.min(5, problems.size());
    problems.subList(0, shown).forEach(p -> text.append("  ").append(p).append('\n'));
    if (problems.size() > shown) {
      text.append("  ... and ").append(problems.size() - shown).append(" more (see the reports)\n");
    }
    return text.toString();
  }

  /** What the check could not see because the mock's journal limit dropped it, or "". */
  public String unseen() {
    if (input.droppedRejections() + input.droppedEvents() == 0) {
      return "";
    }
    return "not seen: the journal limit dropped the oldest "
        + input.droppedRejections()
        + " rejected requests (counted as rejected) and "
        + input.droppedEvents()
        + " events (event requirements did not see them); raise --journal-limit to keep them";
  }

  /**
   * {@code header x-artifact-client-interactive: maximum, expected 1, got 2}, one per violation.
   */
  static String violations(List<Violation> violations) {
    return violations.stream().map(ContractVerdict::describe).collect(Collectors.joining("; "));
  }

  private static String lines(List<Violation> violations) {
    return violations.stream()
        .map(v -> describe(v) + " (" + v.getMessage() + ")")
        .collect(Collectors.joining("\n"));
  }

  static String describe(Violation v) {
    return v.getIn()
        + (v.getAt() == null || v.getAt().isEmpty() ? "" : " " + v.getAt())
        + ": "
        + v.getRule()
        + (v.getExpected() == null ? "" : ", expected " + v.getExpected())
        + (v.getActual() == null ? "" : ", got " + v.getActual());
  }

  static String describe(ViolatedConstraint c) {
    return c.in() + " " + c.at() + ": " + c.rule() + (c.times() > 1 ? " (" + c.times() + "x)" : "");
  }

  static String counts(Map<String, Long> counts) {
    return counts.isEmpty()
        ? "nothing"
        : counts.entrySet().stream()
            .map(e -> e.getKey() + (e.getValue() > 1 ? " x" + e.getValue() : ""))
            .collect(Collectors.joining(", "));
  }
}
