package dev.remotecache.mock.wiremock;

import com.atlassian.oai.validator.model.ApiOperation;
import com.atlassian.oai.validator.model.Request;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import dev.remotecache.mock.contract.ErrorCodes;
import dev.remotecache.mock.contract.RequestVerdict;
import dev.remotecache.mock.operations.DocumentedAnswers;
import dev.remotecache.mock.operations.OperationDispatcher;
import dev.remotecache.mock.operations.OperationResult;
import dev.remotecache.mock.overrides.FaultRule;
import dev.remotecache.mock.overrides.ForcedResponse;
import dev.remotecache.mock.overrides.PreferHeader;
import dev.remotecache.mock.overrides.ResponseOverrides;
import dev.remotecache.mock.stub.model.Violation;
import dev.remotecache.mock.stub.model.ViolationLocation;
import java.util.List;
import java.util.Optional;

/**
 * Answers a request that met the contract: with the documented answer it asked for
 * ({@code Prefer: code=...}) or that was forced for its operation, else with the operation's own
 * answer; then, when asked to, applies any fault injected for the operation.
 */
final class AcceptedRequestAnswers {

    /** Either the answer to send, or why the request's {@code Prefer} cannot be honoured. */
    record Outcome(ResponseDefinition response, RequestVerdict refusal) { }

    private final OperationDispatcher dispatcher;
    private final DocumentedAnswers documented;
    private final ResponseOverrides overrides;

    AcceptedRequestAnswers(OperationDispatcher dispatcher, DocumentedAnswers documented, ResponseOverrides overrides) {
        this.dispatcher = dispatcher;
        this.documented = documented;
        this.overrides = overrides;
    }

    /**
     * @param applyFaults whether to apply (and count) a fault injected for the operation; an answer
     *                    written without WireMock cannot carry one
     */
    Outcome answer(ApiOperation operation, Request request, byte[] body, String baseUrl, boolean applyFaults) {
        String operationId = operation.getOperation().getOperationId();
        Optional<ForcedResponse> forced;
        try {
            forced = PreferHeader.parse(operationId, request.getHeaderValue("Prefer").orElse(null));
        } catch (IllegalArgumentException e) {
            return refuse(operation, null, e.getMessage());
        }
        if (forced.isPresent()) {
            Optional<String> refusal = documented.refusal(operation.getOperation(), forced.get());
            if (refusal.isPresent()) {
                return refuse(operation, forced.get(), refusal.get());
            }
        } else {
            forced = overrides.forcedFor(operationId); // checked against the spec when it was set
        }
        boolean head = request.getMethod() == Request.Method.HEAD;
        OperationResult result = forced.filter(f -> !isOwnSuccess(operation, f.status()))
                .map(f -> documented.answer(operation.getOperation(), f, head))
                .orElseGet(() -> dispatcher.dispatch(operation, request, body, baseUrl));
        ResponseDefinition response = ErrorBodies.toWireMock(result);
        if (!applyFaults) {
            return new Outcome(response, null);
        }
        return new Outcome(overrides.faultFor(operationId).map(f -> withFault(response, f)).orElse(response), null);
    }

    /** Asking for the operation's own success status is asking for its real answer. */
    private static boolean isOwnSuccess(ApiOperation operation, int status) {
        return OperationDispatcher.successResponse(operation.getOperation()).getKey().equals(String.valueOf(status));
    }

    private static Outcome refuse(ApiOperation operation, ForcedResponse forced, String message) {
        List<String> documentedCodes = List.copyOf(operation.getOperation().getResponses().keySet());
        Violation violation = new Violation(ViolationLocation.HEADER, "prefer", message)
                .at("Prefer").expected(documentedCodes).actual(forced == null ? null : forced.status());
        return new Outcome(null, new RequestVerdict(Optional.of(operation), List.of(violation)));
    }

    private static ResponseDefinition withFault(ResponseDefinition answer, FaultRule fault) {
        ResponseDefinitionBuilder builder = ResponseDefinitionBuilder.like(answer);
        return switch (fault.kind()) {
            case DELAY -> (fault.delayMaxMs() == null ? builder.withFixedDelay(fault.delayMs())
                    : builder.withUniformRandomDelay(fault.delayMs(), fault.delayMaxMs())).build();
            case SERVER_ERROR -> {
                int status = fault.status() == null ? 500 : fault.status();
                yield ErrorBodies.answer(status, ErrorCodes.forStatus(status), "injected fault: " + status);
            }
            case CONNECTION_RESET -> builder.withFault(Fault.CONNECTION_RESET_BY_PEER).build();
            case EMPTY_RESPONSE -> builder.withFault(Fault.EMPTY_RESPONSE).build();
            case TRUNCATED_BODY -> builder.withFault(Fault.MALFORMED_RESPONSE_CHUNK).build();
        };
    }
}
