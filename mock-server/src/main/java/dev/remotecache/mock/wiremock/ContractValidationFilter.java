package dev.remotecache.mock.wiremock;

import com.atlassian.oai.validator.model.Request;
import com.github.tomakehurst.wiremock.extension.requestfilter.RequestFilterAction;
import com.github.tomakehurst.wiremock.extension.requestfilter.StubRequestFilterV2;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.remotecache.mock.contract.ContractCheck;
import dev.remotecache.mock.contract.RequestVerdict;
import dev.remotecache.mock.journal.MockJournal;
import dev.remotecache.mock.journal.Rejection;
import dev.remotecache.mock.stub.model.Violation;
import dev.remotecache.mock.stub.model.ViolationLocation;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The gate every request passes: checks it against the contract and answers a violation with the
 * API's error; an accepted request is answered by {@link AcceptedRequestAnswers}. WireMock's stub
 * matching is never reached for API routes.
 */
public final class ContractValidationFilter implements StubRequestFilterV2 {

    private final ContractCheck check;
    private final AcceptedRequestAnswers answers;
    private final MockJournal journal;
    private final ErrorResponses errors;
    private final RequestOutcomes outcomes;
    private final Clock clock;
    private final ProxyAnswers proxy;
    private final boolean forwardInvalid;

    /**
     * @param proxy the real server's answers, or {@code null} to answer as the mock
     * @param forwardInvalid with a proxy, whether a request that breaks the contract is forwarded anyway
     */
    ContractValidationFilter(ContractCheck check, AcceptedRequestAnswers answers, MockJournal journal,
                             ErrorResponses errors, RequestOutcomes outcomes, Clock clock, ProxyAnswers proxy,
                             boolean forwardInvalid) {
        this.proxy = proxy;
        this.forwardInvalid = forwardInvalid;
        this.check = check;
        this.answers = answers;
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
        if (proxy != null && adapted.isPresent() && (verdict.accepted() || forwardInvalid)) {
            return forward(request, adapted.get(), verdict, serveEvent);
        }
        if (verdict.accepted()) {
            AcceptedRequestAnswers.Outcome outcome = answers.answer(verdict.operation().orElseThrow(),
                    adapted.orElseThrow(), request.getBody() == null ? new byte[0] : request.getBody(),
                    baseUrlOf(request));
            if (outcome.refusal() == null) {
                outcomes.put(serveEvent.getId(), verdict);
                return RequestFilterAction.stopWith(outcome.response());
            }
            verdict = outcome.refusal();
        }
        outcomes.put(serveEvent.getId(), verdict);
        journal.record(new Rejection(clock.instant(), request.getMethod().getName(), request.getUrl(),
                verdict.status(), verdict.violations()));
        return RequestFilterAction.stopWith(errors.rejection(verdict, "HEAD".equals(request.getMethod().getName())));
    }

    /** Validating-proxy mode: the real server answers; an invalid request goes too only when asked to. */
    private RequestFilterAction forward(com.github.tomakehurst.wiremock.http.Request request, Request adapted,
                                        RequestVerdict verdict, ServeEvent serveEvent) {
        if (!verdict.accepted()) {
            journal.record(new Rejection(clock.instant(), request.getMethod().getName(), request.getUrl(),
                    verdict.status(), verdict.violations()));
        }
        ProxyAnswers.Proxied proxied = proxy.forward(adapted, request.getUrl(),
                request.getBody() == null ? new byte[0] : request.getBody());
        String note = verdict.accepted() ? proxied.note()
                : "forwarded anyway" + (proxied.note() == null ? "" : "; " + proxied.note());
        outcomes.put(serveEvent.getId(), verdict, note);
        return RequestFilterAction.stopWith(proxied.response());
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
