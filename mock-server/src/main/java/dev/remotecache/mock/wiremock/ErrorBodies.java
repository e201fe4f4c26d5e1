package dev.remotecache.mock.wiremock;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import dev.remotecache.mock.MockJson;
import dev.remotecache.mock.contract.RequestVerdict;
import dev.remotecache.mock.operations.OperationResult;
import dev.remotecache.mock.stub.model.ErrorDetail;
import dev.remotecache.mock.stub.model.ErrorResponse;

/**
 * The API's error body ({@code {"error": {"code", "message", "violations"}}}, the spec's
 * {@code ErrorResponse}), written the same way wherever the mock answers an error: a rejected
 * request, a refused admin call, an injected fault, an unreachable proxy target, Jetty's own refusals.
 */
final class ErrorBodies {

    private ErrorBodies() {
    }

    /** The body of a rejection, naming every violation. */
    static byte[] of(RequestVerdict verdict) {
        return write(new ErrorResponse(new ErrorDetail(verdict.errorCode(), verdict.summary())
                .violations(verdict.violations())));
    }

    /** An error that is not about the contract (no violations). */
    static byte[] of(String code, String message) {
        return write(new ErrorResponse(new ErrorDetail(code, message).violations(null)));
    }

    /** A JSON error answer with {@code status}. */
    static ResponseDefinition answer(int status, String code, String message) {
        return ResponseDefinitionBuilder.responseDefinition().withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody(of(code, message))
                .build();
    }

    /** An operation's result as WireMock's answer. */
    static ResponseDefinition toWireMock(OperationResult result) {
        ResponseDefinitionBuilder response = ResponseDefinitionBuilder.responseDefinition().withStatus(result.status());
        result.headers().forEach(response::withHeader);
        if (result.body().length > 0) {
            response.withBody(result.body());
        }
        return response.build();
    }

    private static byte[] write(ErrorResponse body) {
        try {
            return MockJson.mapper().writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an error body", e);
        }
    }
}
