package dev.remotecache.mock.wiremock;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import dev.remotecache.mock.contract.RequestVerdict;
import dev.remotecache.mock.stub.model.Violation;
import dev.remotecache.mock.stub.model.ViolationLocation;

/** The answer to a rejected request: its status, the error body naming every violation, and the headers HTTP asks for. */
final class ErrorResponses {

    /** @param head whether the request was a HEAD, whose answer carries no body (the spec declares none) */
    ResponseDefinition rejection(RequestVerdict verdict, boolean head) {
        int status = verdict.status();
        ResponseDefinitionBuilder response = ResponseDefinitionBuilder.responseDefinition().withStatus(status);
        if (!head) {
            response.withHeader("Content-Type", "application/json").withBody(ErrorBodies.of(verdict));
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
}
