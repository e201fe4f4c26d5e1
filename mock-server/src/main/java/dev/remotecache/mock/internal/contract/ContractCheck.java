package dev.remotecache.mock.internal.contract;

import com.atlassian.oai.validator.model.ApiOperation;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.remotecache.client.model.Violation;
import dev.remotecache.client.model.ViolationLocation;
import dev.remotecache.contract.core.ApiContract;
import dev.remotecache.mock.internal.http.ApiRequest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Checks one request against the contract: the spec (through the validator) plus the bearer token
 * policy. Independent of WireMock, so it can be reused by anything that sees HTTP requests.
 */
public final class ContractCheck {

  private final ApiContract contract;
  private final BearerTokens tokens;
  private final ViolationTranslator translator;
  private final int maxViolations;

  /**
   * @param maxViolations how many violations a verdict names at most (the first ones; it counts
   *     all)
   */
  public ContractCheck(
      ApiContract contract, BearerTokens tokens, ObjectMapper json, int maxViolations) {
    this.contract = contract;
    this.tokens = tokens;
    this.translator = new ViolationTranslator(contract, json);
    this.maxViolations = maxViolations;
  }

  public ApiContract contract() {
    return contract;
  }

  /**
   * The one check of a request: whether it meets the contract, or every violation it has (the first
   * ones), from what is known of it so far.
   *
   * @param operation the spec's operation its method and path are for, if any
   * @param body how much of its body is read: the verdict on {@link BodyAsRead#HEADERS_FIRST} is
   *     that of the headers alone (accepted there, the body may still break the contract)
   */
  public Admission admit(ApiRequest request, Optional<ApiOperation> operation, BodyAsRead body) {
    Optional<Request.Method> method = ValidatorRequest.methodOf(request.method());
    if (method.isEmpty()) {
      return new Admission(unknownMethod(request.path(), request.method()), null);
    }
    ValidatorRequest view =
        body instanceof BodyAsRead.Read read
            ? ValidatorRequest.withBody(request, method.get(), read.bytes())
            : ValidatorRequest.withUnreadBody(request, method.get());
    RequestVerdict verdict = check(view, operation);
    if (body instanceof BodyAsRead.HeadersFirst) {
      verdict =
          new RequestVerdict(
              operation,
              verdict.violations().stream()
                  .filter(v -> v.getIn() != ViolationLocation.BODY)
                  .toList());
    }
    return new Admission(verdict, view);
  }

  public RequestVerdict check(Request request) {
    return check(request, contract.operationFor(request.getPath(), request.getMethod()));
  }

  /** Checks a request whose operation was already looked up ({@link ApiContract#operationFor}). */
  public RequestVerdict check(Request request, Optional<ApiOperation> operation) {
    // The validator keeps the body's first errors and counts the rest: a body of any size costs
    // no more than the violations an answer names.
    ApiContract.CheckedRequest checked =
        contract.validateRequest(request, operation, maxViolations);
    ViolationTranslator.Translated translated =
        translator.translate(
            schemeInAnyCase(checked.report(), request), request, operation, maxViolations);
    List<Violation> violations = new ArrayList<>(translated.violations());
    long uncounted = checked.omittedBodyErrors() + translated.omitted();
    if (operation.isPresent() && requiresBearer(operation.get())) {
      tokens
          .check(request.getHeaderValue("Authorization").orElse(null))
          .ifPresent(v -> violations.add(0, v));
    }
    operation.ifPresent(op -> violations.addAll(0, repeatedHeaders(op, request)));
    if (violations.stream().noneMatch(v -> ViolationRule.JSON.is(v.getRule()))) {
      trailingContent(request).ifPresent(violations::add);
    }
    long count = violations.size() + uncounted;
    List<Violation> named =
        violations.size() > maxViolations ? violations.subList(0, maxViolations) : violations;
    return new RequestVerdict(operation, named, (int) Math.min(Integer.MAX_VALUE, count));
  }

  /**
   * The verdict on a request whose method the validator has no name for (only the route's methods
   * are allowed).
   */
  public RequestVerdict unknownMethod(String path, String method) {
    List<String> allowed = contract.methodsAllowedOn(path);
    Violation violation =
        Violations.of(
                ViolationLocation.METHOD,
                ViolationRule.METHOD,
                method
                    + " is not an HTTP method this API uses; allowed on "
                    + path
                    + ": "
                    + allowed)
            .at(path)
            .expected(allowed)
            .actual(method);
    return new RequestVerdict(Optional.empty(), List.of(violation));
  }

  /**
   * The validator reads a JSON body's first value and ignores what follows ({@code []x} passes); a
   * JSON body is one value and nothing after it.
   */
  private Optional<Violation> trailingContent(Request request) {
    if (request.getRequestBody().isEmpty()
        || !request
            .getContentType()
            .map(ct -> ct.toLowerCase(Locale.ROOT).contains("json"))
            .orElse(false)) {
      return Optional.empty();
    }
    if (!(request.getRequestBody().get() instanceof CachedBody cached)) {
      return Optional.empty(); // an artifact streamed to the store: not JSON, not read here
    }
    Optional<IOException> problem = cached.notOneJsonValue();
    return problem.map(
        e ->
            Violations.of(
                    ViolationLocation.BODY,
                    ViolationRule.JSON,
                    "the body is not valid JSON: " + JsonErrors.describe(e))
                .at("")
                .expected("application/json"));
  }

  /**
   * A single-valued header sent more than once (RFC 9110 allows repeats only for list headers):
   * which copy a server reads is up to it, so the request is ambiguous. Checked for the
   * credentials, the content type and every header parameter the operation declares.
   */
  private static List<Violation> repeatedHeaders(ApiOperation operation, Request request) {
    List<String> names = new ArrayList<>(List.of("Authorization", "Content-Type"));
    if (operation.getOperation().getParameters() != null) {
      operation.getOperation().getParameters().stream()
          .filter(p -> "header".equals(p.getIn()))
          .forEach(p -> names.add(p.getName()));
    }
    List<Violation> violations = new ArrayList<>();
    for (String name : names) {
      int count = request.getHeaderValues(name).size();
      if (count > 1) {
        boolean credentials = name.equals("Authorization");
        violations.add(
            Violations.of(
                    credentials ? ViolationLocation.SECURITY : ViolationLocation.HEADER,
                    credentials ? ViolationRule.TOKEN : ViolationRule.DUPLICATE,
                    "is sent " + count + " times; send it once")
                .at(name)
                .expected(1)
                .actual(count));
      }
    }
    return violations;
  }

  /**
   * The validator knows the Bearer scheme only spelled {@code Bearer} and followed by a space; the
   * scheme is case-insensitive (RFC 9110 §11.1), and a missing token is {@link BearerTokens}'s to
   * name. So its "invalid" is dropped for a header with the Bearer scheme in any case.
   */
  private static ValidationReport schemeInAnyCase(ValidationReport report, Request request) {
    if (report.getMessages().isEmpty()
        || !BearerTokens.usesBearerScheme(request.getHeaderValue("Authorization").orElse(null))) {
      return report; // nothing to drop: no report rebuilt for the accepted requests
    }
    return ValidationReport.from(
        report.getMessages().stream()
            .filter(m -> !m.getKey().equals("validation.request.security.invalid"))
            .toList());
  }

  private static boolean requiresBearer(ApiOperation operation) {
    return operation.getOperation().getSecurity() != null
        && !operation.getOperation().getSecurity().isEmpty();
  }
}
