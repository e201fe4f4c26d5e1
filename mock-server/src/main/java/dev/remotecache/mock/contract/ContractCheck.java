package dev.remotecache.mock.contract;

import com.atlassian.oai.validator.model.ApiOperation;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.remotecache.mock.stub.model.Violation;
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
        ValidationReport report = contract.validateRequest(request);
        List<Violation> violations = new ArrayList<>(translator.translate(report, request, operation));
        if (operation.isPresent() && requiresBearer(operation.get())) {
            tokens.check(request.getHeaderValue("Authorization").orElse(null)).ifPresent(v -> violations.add(0, v));
        }
        return new RequestVerdict(operation, violations);
    }

    private static boolean requiresBearer(ApiOperation operation) {
        return operation.getOperation().getSecurity() != null && !operation.getOperation().getSecurity().isEmpty();
    }
}
