package dev.remotecache.contract.generative;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.remotecache.contract.ContractRequest;
import dev.remotecache.contract.SpecResponseCheck;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Sends one sequence to the server for a fresh set of teams and checks every answer: against the
 * spec (status, headers, content type, body) and against the {@link StateModel}. Stops at the first
 * broken property that is not tolerated (a property already reported is tolerated, so later
 * sequences can still find other ones).
 */
final class SequenceRunner {

  /**
   * What one run of a sequence found: the first intolerable failure (or none), and what was
   * checked.
   */
  record Outcome(Property property, String expected, String actual, int failedAt) {
    boolean failed() {
      return property != null;
    }
  }

  private final HttpClient http;
  private final String baseUrl;
  private final String token;
  private final ApiOperations operations;
  private final SpecResponseCheck spec;
  private final ObjectMapper json;
  private final Budget budget;

  /** Checks per property, across every run: the report's denominators. */
  final Map<Property, Integer> checked = new EnumMap<>(Property.class);

  /** Failures of properties already reported, seen again. */
  final Map<Property, Integer> seenAgain = new EnumMap<>(Property.class);

  final List<TeamSpace> spacesUsed = new ArrayList<>();

  SequenceRunner(
      HttpClient http,
      String baseUrl,
      String token,
      ApiOperations operations,
      SpecResponseCheck spec,
      ObjectMapper json,
      Budget budget) {
    this.http = http;
    this.baseUrl = baseUrl;
    this.token = token;
    this.operations = operations;
    this.spec = spec;
    this.json = json;
    this.budget = budget;
  }

  Outcome run(List<Step> steps, TeamSpace space, Set<Property> tolerated) {
    spacesUsed.add(space);
    StateModel model = new StateModel(json);
    for (int i = 0; i < steps.size(); i++) {
      Step step = steps.get(i);
      ContractRequest request = step.toRequest(operations, space);
      ApiOperations.ApiOperation operation = operations.get(step.operationId());
      budget.spend();
      Answer answer;
      try {
        HttpResponse<byte[]> response =
            http.send(
                request.toHttpRequest(baseUrl, token), HttpResponse.BodyHandlers.ofByteArray());
        answer = new Answer(response.statusCode(), response.headers(), response.body());
      } catch (IOException e) {
        count(Property.NO_SERVER_ERROR);
        return new Outcome(Property.NO_SERVER_ERROR, "an answer", "no answer: " + e, i);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new Budget.Exhausted("interrupted");
      }
      List<StateModel.Failure> failures = new ArrayList<>();
      count(Property.NO_SERVER_ERROR);
      if (answer.status() >= 500) {
        failures.add(
            new StateModel.Failure(
                Property.NO_SERVER_ERROR, "no 5xx", answer.status() + " " + answer.brief()));
      }
      switch (step.kind()) {
        case NO_TOKEN -> {
          count(Property.TOKEN_REQUIRED);
          if (answer.status() != 401) {
            failures.add(
                new StateModel.Failure(
                    Property.TOKEN_REQUIRED, "401", answer.status() + " " + answer.brief()));
          }
        }
        case INVALID -> {
          count(Property.INVALID_REFUSED);
          int expected = expectedRefusal(step);
          if (answer.status() != expected) {
            failures.add(
                new StateModel.Failure(
                    Property.INVALID_REFUSED,
                    expected + " (" + step.rule() + ")",
                    answer.status() + " " + answer.brief()));
          }
        }
        case VALID -> {
          count(Property.VALID_SUCCEEDS);
          List<StateModel.Failure> stateFailures =
              model.check(step, operation.successStatus(), answer);
          failures.addAll(stateFailures);
          // A state rule counts as checked only when the operation answered as documented.
          if (stateFailures.stream().noneMatch(f -> f.property() == Property.VALID_SUCCEEDS)) {
            switch (step.operationId()) {
              case StateModel.DOWNLOAD ->
                  countAll(Property.STORED_COMES_BACK, Property.TEAMS_ISOLATED);
              case StateModel.EXISTS -> countAll(Property.HEAD_AGREES, Property.TEAMS_ISOLATED);
              case StateModel.QUERY -> countAll(Property.QUERY_AGREES, Property.TEAMS_ISOLATED);
              case StateModel.DELETE -> count(Property.DELETE_EMPTIES);
              default -> {}
            }
          }
        }
      }
      count(Property.MATCHES_SPEC);
      // A 5xx is reported as a server error already; that the spec declares none is no news.
      List<String> problems =
          answer.status() >= 500
              ? List.of()
              : spec.problems(
                  request.method(),
                  request.path(),
                  answer.status(),
                  answer.headers(),
                  new String(answer.body(), StandardCharsets.UTF_8));
      if (!problems.isEmpty()) {
        failures.add(
            new StateModel.Failure(
                Property.MATCHES_SPEC,
                "the answer the spec declares for " + answer.status(),
                String.join("; ", problems)));
      }
      for (StateModel.Failure failure : failures) {
        if (!tolerated.contains(failure.property())) {
          return new Outcome(failure.property(), failure.expected(), failure.actual(), i);
        }
        seenAgain.merge(failure.property(), 1, Integer::sum);
      }
      // A tolerated failure leaves the state unknown when a request that must change nothing was
      // taken.
      if (step.kind() != Step.Kind.VALID
          && answer.status() / 100 == 2
          && !operation.method().equals("GET")
          && !operation.method().equals("HEAD")) {
        return new Outcome(null, null, null, i);
      }
    }
    return new Outcome(null, null, null, steps.size());
  }

  private int expectedRefusal(Step step) {
    return step.invalid().expectedStatus();
  }

  private void count(Property property) {
    checked.merge(property, 1, Integer::sum);
  }

  private void countAll(Property... properties) {
    for (Property p : properties) {
      count(p);
    }
  }
}
