package dev.remotecache.mock.contract;

import com.atlassian.oai.validator.model.ApiOperation;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.remotecache.mock.stub.model.Violation;
import dev.remotecache.mock.stub.model.ViolationLocation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks one request against the contract: the spec (through the validator) plus the bearer token
 * policy. Independent of WireMock, so it can be reused by anything that sees HTTP requests.
 */
public final class ContractCheck {

    private final ApiContract contract;
    private final BearerTokens tokens;
    private final ViolationTranslator translator;

    public ContractCheck(ApiContract contract, BearerTokens tokens, ObjectMapper json) {
        this.contract = contract;
        this.tokens = tokens;
        this.translator = new ViolationTranslator(contract, json);
    }

    public ApiContract contract() {
        return contract;
    }

    public RequestVerdict check(Request request) {
        Optional<ApiOperation> operation = contract.operationFor(request.getPath(), request.getMethod());
        ValidationReport report = contract.validateRequest(request, operation);
        List<Violation> violations = new ArrayList<>(translator.translate(report, request, operation));
        if (operation.isPresent() && requiresBearer(operation.get())) {
            tokens.check(request.getHeaderValue("Authorization").orElse(null)).ifPresent(v -> violations.add(0, v));
        }
        operation.ifPresent(op -> violations.addAll(0, repeatedHeaders(op, request)));
        if (violations.stream().noneMatch(v -> "json".equals(v.getRule()))) {
            trailingContent(request).ifPresent(violations::add);
        }
        return new RequestVerdict(operation, violations);
    }

    /**
     * The validator reads a JSON body's first value and ignores what follows ({@code []x} passes);
     * a JSON body is one value and nothing after it.
     */
    private Optional<Violation> trailingContent(Request request) {
        if (request.getRequestBody().isEmpty()
                || !request.getContentType().map(ct -> ct.toLowerCase(java.util.Locale.ROOT).contains("json")).orElse(false)) {
            return Optional.empty();
        }
        Optional<java.io.IOException> problem = cached(request.getRequestBody().get()).notOneJsonValue();
        return problem.map(e -> new Violation(ViolationLocation.BODY, "json",
                "the body is not valid JSON: " + JsonErrors.describe(e)).at("").expected("application/json"));
    }

    /** The body's parse, shared with the validator when the request adapter gives a {@link CachedBody}. */
    private static CachedBody cached(com.atlassian.oai.validator.model.Body body) {
        if (body instanceof CachedBody cached) {
            return cached;
        }
        try {
            return new CachedBody(body.toString(java.nio.charset.StandardCharsets.UTF_8)
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.io.IOException unreadable) {
            throw new java.io.UncheckedIOException(unreadable);
        }
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
                violations.add(new Violation(credentials ? ViolationLocation.SECURITY : ViolationLocation.HEADER,
                        credentials ? "token" : "duplicate",
                        "is sent " + count + " times; send it once")
                        .at(name).expected(1).actual(count));
            }
        }
        return violations;
    }

    private static boolean requiresBearer(ApiOperation operation) {
        return operation.getOperation().getSecurity() != null && !operation.getOperation().getSecurity().isEmpty();
    }
}
