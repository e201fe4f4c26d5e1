package dev.remotecache.mock.internal.server.wiremock;

import com.atlassian.oai.validator.model.ApiOperation;
import com.atlassian.oai.validator.model.Request;
import com.github.tomakehurst.wiremock.common.FileSource;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.matching.RequestPattern;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import dev.remotecache.client.model.Violation;
import dev.remotecache.client.model.ViolationLocation;
import dev.remotecache.contract.core.ApiContract;
import dev.remotecache.mock.StubRefused;
import dev.remotecache.mock.internal.contract.AnswerCheck;
import dev.remotecache.mock.internal.contract.ViolationRule;
import dev.remotecache.mock.internal.contract.Violations;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rule every stub is held to when it is registered (from a file, the admin API or {@code
 * stubFor}): it matches at least one operation of the spec, and for every operation it matches its
 * answer is one the spec allows (status, headers, content type, body), as the validator's response
 * check judges it. An answer made when served (a response template, a transformer) is checked here
 * on its status only, and whole when it is served ({@code StubAnswers}).
 */
public final class StubContract {

  private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([^}/]+)}");

  private final ApiContract contract;
  private final AnswerCheck answers;
  private final FileSource files;

  /**
   * @param files where {@code bodyFileName} is read from ({@code __files})
   */
  public StubContract(ApiContract contract, int maxViolations, FileSource files) {
    this.contract = contract;
    this.answers = new AnswerCheck(contract, maxViolations);
    this.files = files;
  }

  /**
   * @param where the stub as a person finds it (a file, or empty for its name or id)
   * @throws StubRefused when the stub breaks the contract
   */
  public void check(StubMapping stub, String where) {
    List<Violation> violations = violations(stub);
    if (!violations.isEmpty()) {
      throw new StubRefused(
          where.isEmpty() ? label(stub) : where + " (" + label(stub) + ")", violations);
    }
  }

  static String label(StubMapping stub) {
    String id = stub.getId() == null ? "without an id" : stub.getId().toString();
    return stub.getName() == null ? id : "\"" + stub.getName() + "\" (" + id + ")";
  }

  /** Every way the stub breaks the contract; empty when it may be served. */
  List<Violation> violations(StubMapping stub) {
    contract.awaitLoaded();
    RequestPattern request = stub.getRequest();
    ResponseDefinition response = stub.getResponse();
    List<ApiContract.Route> routes = operationsMatchedBy(request);
    if (routes.isEmpty()) {
      return List.of(
          Violations.of(
                  ViolationLocation.PATH,
                  ViolationRule.PATH,
                  "the stub matches no operation of the spec ("
                      + request.getMethod()
                      + " "
                      + request.getUrlMatcher()
                      + "); the operations: "
                      + contract.routes())
              .actual(String.valueOf(request.getUrlMatcher().getExpected())));
    }
    if (response.isProxyResponse()) {
      return List.of(
          Violations.of(
              ViolationLocation.BODY,
              ViolationRule.TYPE,
              "a proxying stub (proxyBaseUrl) answers what another server says, known only then:"
                  + " run the mock with --proxy URL, which holds that server's answers to the"
                  + " spec"));
    }
    if (response.getFault() != null) {
      return response.getFault() == Fault.RANDOM_DATA_THEN_CLOSE
          ? List.of(
              Violations.of(
                      ViolationLocation.BODY,
                      ViolationRule.ENUM,
                      "fault RANDOM_DATA_THEN_CLOSE is not one the mock injects")
                  .expected(
                      List.of(
                          "CONNECTION_RESET_BY_PEER",
                          "EMPTY_RESPONSE",
                          "MALFORMED_RESPONSE_CHUNK")))
          : List.of(); // a broken connection: no answer to hold to the spec
    }
    List<Violation> violations = new ArrayList<>();
    for (ApiContract.Route route : routes) {
      String prefix = routes.size() > 1 ? route.operationId() + ": " : "";
      for (Violation v : violationsFor(route, response)) {
        violations.add(v.message(prefix + v.getMessage()));
      }
    }
    return violations;
  }

  private List<Violation> violationsFor(ApiContract.Route route, ResponseDefinition response) {
    Request.Method method = Request.Method.valueOf(route.method());
    String path = samplePath(route);
    if (knownWhenServed(response)) {
      return statusDocumented(route, response.getStatus());
    }
    byte[] body;
    if (response.specifiesBodyFile()) {
      try {
        body = files.getBinaryFileNamed(response.getBodyFileName()).readContents();
      } catch (RuntimeException e) {
        return List.of(
            Violations.of(
                    ViolationLocation.BODY,
                    ViolationRule.MISSING,
                    "bodyFileName " + response.getBodyFileName() + " is not in __files")
                .at("bodyFileName"));
      }
    } else {
      body = response.specifiesBodyContent() ? response.getByteBody() : null;
    }
    Map<String, List<String>> headers = new LinkedHashMap<>();
    if (response.getHeaders() != null) {
      for (HttpHeader header : response.getHeaders().all()) {
        headers.put(header.key(), header.values());
      }
    }
    return answers
        .checkStub(path, method, response.getStatus(), headers, body, "the stub's answer")
        .violations();
  }

  /** An answer templating or a transformer makes when it is served. */
  private static boolean knownWhenServed(ResponseDefinition response) {
    return response.getTransformers() != null && !response.getTransformers().isEmpty();
  }

  private static List<Violation> statusDocumented(ApiContract.Route route, int status) {
    var responses = route.operation().getResponses();
    String code = String.valueOf(status);
    if (responses.containsKey(code)
        || responses.containsKey(code.charAt(0) + "XX")
        || responses.containsKey("default")) {
      return List.of();
    }
    return List.of(
        Violations.of(
                ViolationLocation.BODY,
                ViolationRule.ENUM,
                "the stub's status " + status + " is not documented for " + route.operationId())
            .expected(List.copyOf(responses.keySet()))
            .actual(code));
  }

  /** The operations a stub's method and URL pattern can match, judged by WireMock's matchers. */
  private List<ApiContract.Route> operationsMatchedBy(RequestPattern request) {
    RequestMethod method = request.getMethod() == null ? RequestMethod.ANY : request.getMethod();
    String literal =
        request.getUrl() != null
            ? request.getUrl().replaceFirst("\\?.*$", "")
            : request.getUrlPath() != null
                ? request.getUrlPath()
                : request.getUrlPathTemplate() != null
                    ? PATH_PARAMETER.matcher(request.getUrlPathTemplate()).replaceAll("x")
                    : null;
    List<ApiContract.Route> matched = new ArrayList<>();
    for (ApiContract.Route route : contract.routes()) {
      if (!method.match(RequestMethod.fromString(route.method())).isExactMatch()) {
        continue;
      }
      boolean fits;
      if (literal != null) {
        Optional<ApiOperation> operation =
            contract.operationFor(literal, Request.Method.valueOf(route.method()));
        fits =
            operation.isPresent()
                && route.operationId().equals(operation.get().getOperation().getOperationId());
      } else {
        fits = request.getUrlMatcher().match(samplePath(route)).isExactMatch();
      }
      if (fits) {
        matched.add(route);
      }
    }
    return matched;
  }

  /**
   * A concrete path of an operation: each path parameter its example from the spec, or {@code x}.
   */
  static String samplePath(ApiContract.Route route) {
    Matcher m = PATH_PARAMETER.matcher(route.pathTemplate());
    StringBuilder path = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(path, Matcher.quoteReplacement(exampleOf(route, m.group(1))));
    }
    m.appendTail(path);
    return path.toString();
  }

  private static String exampleOf(ApiContract.Route route, String name) {
    List<Parameter> parameters = route.operation().getParameters();
    if (parameters != null) {
      for (Parameter p : parameters) {
        if (name.equals(p.getName()) && "path".equals(p.getIn())) {
          Object example =
              p.getExample() != null
                  ? p.getExample()
                  : p.getSchema() != null ? p.getSchema().getExample() : null;
          if (example != null) {
            return example.toString();
          }
        }
      }
    }
    return "x";
  }
}
