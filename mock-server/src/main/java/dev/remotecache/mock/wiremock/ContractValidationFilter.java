package dev.remotecache.mock.wiremock;

import com.atlassian.oai.validator.model.Request;
import com.github.tomakehurst.wiremock.extension.requestfilter.RequestFilterAction;
import com.github.tomakehurst.wiremock.extension.requestfilter.StubRequestFilterV2;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.remotecache.mock.contract.ContractCheck;
import dev.remotecache.mock.contract.RequestVerdict;
import dev.remotecache.mock.journal.MockJournal;
import dev.remotecache.mock.journal.Rejection;
import dev.remotecache.mock.operations.OperationDispatcher;
import dev.remotecache.mock.operations.OperationResult;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import dev.remotecache.mock.stub.model.Violation;
import dev.remotecache.mock.stub.model.ViolationLocation;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The gate every request passes: checks it against the contract, answers a violation with the
 * API's error, and answers an accepted request with what the server stub's implementation returns.
 * WireMock's stub matching is never reached for API routes.
 */
public final class ContractValidationFilter implements StubRequestFilterV2 {

    private final ContractCheck check;
    private final OperationDispatcher dispatcher;
    private final MockJournal journal;
    private final ErrorResponses errors;
    private final RequestOutcomes outcomes;
    private final Clock clock;

    ContractValidationFilter(ContractCheck check, OperationDispatcher dispatcher, MockJournal journal,
                             ErrorResponses errors, RequestOutcomes outcomes, Clock clock) {
        this.check = check;
        this.dispatcher = dispatcher;
        this.journal = journal;
        this.errors = errors;
        this.outcomes = outcomes;
        this.clock = clock;
    }

    @Override
    public String getName() {
        return "remote-cache-contract-validation";
    }

    @Override
    public RequestFilterAction filter(com.github.tomakehurst.wiremock.http.Request request, ServeEvent serveEvent) {
        Optional<Request> adapted = WireMockRequestAdapter.of(request);
        RequestVerdict verdict = adapted.map(check::check).orElseGet(() -> unknownMethod(request));
        outcomes.put(serveEvent.getId(), verdict);
        if (verdict.accepted()) {
            OperationResult result = dispatcher.dispatch(verdict.operation().orElseThrow(), adapted.orElseThrow(),
                    request.getBody() == null ? new byte[0] : request.getBody(), baseUrlOf(request));
            return RequestFilterAction.stopWith(toWireMock(result));
        }
        journal.record(new Rejection(clock.instant(), request.getMethod().getName(), request.getUrl(),
                verdict.status(), verdict.violations()));
        return RequestFilterAction.stopWith(errors.rejection(verdict, "HEAD".equals(request.getMethod().getName())));
    }

    private static ResponseDefinition toWireMock(OperationResult result) {
        ResponseDefinitionBuilder response = ResponseDefinitionBuilder.responseDefinition().withStatus(result.status());
        result.headers().forEach(response::withHeader);
        if (result.body().length > 0) {
            response.withBody(result.body());
        }
        return response.build();
    }

    /** {@code http://host:port} as the client addressed the mock. */
    private static String baseUrlOf(com.github.tomakehurst.wiremock.http.Request request) {
        String absolute = request.getAbsoluteUrl();
        return absolute.substring(0, absolute.length() - request.getUrl().length());
    }

    private RequestVerdict unknownMethod(com.github.tomakehurst.wiremock.http.Request request) {
        String path = request.getUrl().split("\\?", 2)[0];
        List<String> allowed = check.contract().methodsAllowedOn(path);
        Violation violation = new Violation(ViolationLocation.METHOD, "method",
                request.getMethod().getName() + " is not an HTTP method this API uses; allowed on " + path + ": "
                        + allowed)
                .at(path).expected(allowed).actual(request.getMethod().getName());
        return new RequestVerdict(Optional.empty(), List.of(violation));
    }
}
