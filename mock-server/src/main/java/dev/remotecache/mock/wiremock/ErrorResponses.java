package dev.remotecache.mock.wiremock;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import dev.remotecache.mock.contract.RequestVerdict;
import dev.remotecache.mock.stub.model.ApiError;
import dev.remotecache.mock.stub.model.ErrorResponse;
import dev.remotecache.mock.stub.model.Violation;
import dev.remotecache.mock.stub.model.ViolationLocation;

/** Builds the API's error answer ({@code {"error": {"code", "message", "violations"}}}) for a rejection. */
final class ErrorResponses {

    private final ObjectMapper json;

    ErrorResponses(ObjectMapper json) {
        this.json = json;
    }

    /** @param head whether the request was a HEAD, whose answer carries no body (the spec declares none) */
    ResponseDefinition rejection(RequestVerdict verdict, boolean head) {
        int status = verdict.status();
        ErrorResponse body = new ErrorResponse(new ApiError(verdict.errorCode(), verdict.summary())
                .violations(verdict.violations()));
        ResponseDefinitionBuilder response = ResponseDefinitionBuilder.responseDefinition().withStatus(status);
        if (!head) {
            response.withHeader("Content-Type", "application/json").withBody(write(body));
        }
        if (status == 401) {
            // RFC 6750: tell the client which scheme to use and why it failed.
            response.withHeader("WWW-Authenticate", "Bearer realm=\"remote-cache\", error=\"invalid_token\"");
        }
        if (status == 405) {
            verdict.violations().stream()
                    .filter(v -> v.getIn() == ViolationLocation.METHOD)
                    .map(Violation::getExpected)
                    .findFirst()
                    .ifPresent(allowed -> response.withHeader("Allow",
                            String.join(", ", ((java.util.List<?>) allowed).stream().map(Object::toString).toList())));
        }
        return response.build();
    }

    private String write(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an error body", e);
        }
    }
}
