package dev.remotecache.mock.internal.contract;

import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import dev.remotecache.client.model.Violation;
import dev.remotecache.client.model.ViolationLocation;
import dev.remotecache.contract.core.ApiContract;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Holds an answer (status, headers, body) to the spec's responses for an operation, with the
 * validator's response check: what the validating proxy asks of a real server, and what a stub must
 * be. Each departure is a {@link Violation} in the mock's own format: the first ones, at most
 * {@code maxViolations}, and how many there are in all.
 */
public final class AnswerCheck {

  private final ApiContract contract;
  private final int maxViolations;

  public AnswerCheck(ApiContract contract, int maxViolations) {
    this.contract = contract;
    this.maxViolations = maxViolations;
  }

  /**
   * Where an answer breaks the spec.
   *
   * @param violations the first departures, at most {@code maxViolations}
   * @param violationCount how many departures there are in all
   */
  public record Checked(List<Violation> violations, int violationCount) {
    public boolean holds() {
      return violations.isEmpty();
    }
  }

  /**
   * @param path a concrete path of the operation ({@code /v8/artifacts/abc})
   * @param body the answer's bytes, or {@code null} for none
   * @param whose who gave the answer, at the head of each violation's message ({@code the server's
   *     answer}, {@code the stub's answer})
   */
  public Checked check(
      String path,
      Request.Method method,
      int status,
      Map<String, List<String>> headers,
      byte[] body,
      String whose) {
    SimpleResponse.Builder response = SimpleResponse.Builder.status(status);
    headers.forEach(response::withHeader);
    if (body != null && body.length > 0) {
      response.withBody(body);
    }
    ApiContract.CheckedResponse report =
        contract.validateResponse(path, method, response.build(), maxViolations);
    List<Violation> violations = violations(report.report(), whose);
    long count = violations.size() + report.omittedBodyErrors();
    return new Checked(
        violations.size() > maxViolations ? violations.subList(0, maxViolations) : violations,
        (int) Math.min(Integer.MAX_VALUE, count));
  }

  /**
   * As {@link #check}, and a body must say its content type when the spec documents one for the
   * answer: the validator lets an answer without {@code Content-Type} pass, which the mock's own
   * answers never are, and a stub's must not be either.
   */
  public Checked checkStub(
      String path,
      Request.Method method,
      int status,
      Map<String, List<String>> headers,
      byte[] body,
      String whose) {
    Checked checked = check(path, method, status, headers, body, whose);
    boolean typed = headers.keySet().stream().anyMatch("Content-Type"::equalsIgnoreCase);
    if (typed || body == null || body.length == 0 || method == Request.Method.HEAD) {
      return checked;
    }
    var documented =
        contract
            .operationFor(path, method)
            .map(op -> op.getOperation().getResponses())
            .map(r -> r.getOrDefault(String.valueOf(status), r.get("default")))
            .filter(r -> r.getContent() != null && !r.getContent().isEmpty());
    if (documented.isEmpty()) {
      return checked;
    }
    List<Violation> violations = new ArrayList<>(checked.violations());
    violations.add(
        Violations.of(
                ViolationLocation.HEADER,
                ViolationRule.CONTENT_TYPE,
                whose
                    + ": a body without Content-Type; the spec's: "
                    + documented.get().getContent().keySet())
            .at("Content-Type")
            .expected(List.copyOf(documented.get().getContent().keySet())));
    return new Checked(violations, checked.violationCount() + 1);
  }

  /**
   * The spec's rule for a validator message about a response: its schema keyword when the spec
   * lists one by that name; otherwise what was wrong (a status, a header, a content type).
   */
  public static String ruleOf(String key) {
    String last = key.substring(key.lastIndexOf('.') + 1);
    return ViolationRule.ofKeyword(last)
        .map(ViolationRule::value)
        .orElseGet(
            () -> {
              if (key.contains(".contentType") || key.contains("content-type")) {
                return ViolationRule.CONTENT_TYPE.value();
              }
              if (key.contains(".header") || key.contains(".body.missing")) {
                return ViolationRule.MISSING.value();
              }
              if (key.contains(".status")) {
                return ViolationRule.ENUM
                    .value(); // a status the spec does not list for the operation
              }
              return ViolationRule.TYPE.value();
            });
  }

  private static List<Violation> violations(ValidationReport report, String whose) {
    List<Violation> violations = new ArrayList<>();
    for (ValidationReport.Message m : report.getMessages()) {
      if (m.getLevel() != ValidationReport.Level.ERROR) {
        continue;
      }
      String key = m.getKey();
      String at =
          m.getContext()
              .flatMap(ValidationReport.MessageContext::getPointers)
              .map(ValidationReport.MessageContext.Pointers::getInstance)
              .orElse("");
      ViolationLocation in =
          key.contains(".header") ? ViolationLocation.HEADER : ViolationLocation.BODY;
      violations.add(
          new Violation()
              .in(in)
              .rule(ruleOf(key))
              .message(whose + ": " + m.getMessage())
              .at(at.startsWith("$") ? at.substring(1) : at));
    }
    return violations;
  }
}
