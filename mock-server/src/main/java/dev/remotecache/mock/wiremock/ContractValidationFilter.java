package dev.remotecache.mock.wiremock;

import com.atlassian.oai.validator.model.Request;
import com.github.tomakehurst.wiremock.extension.requestfilter.RequestFilterAction;
import com.github.tomakehurst.wiremock.extension.requestfilter.StubRequestFilterV2;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.remotecache.mock.contract.RequestVerdict;
import dev.remotecache.mock.stub.model.Violation;
import dev.remotecache.mock.stub.model.ViolationLocation;
import java.util.List;
import java.util.Optional;

/**
 * The contract check as a WireMock request filter: answers a violation with the API's error and an
 * accepted request with its own answer ({@link ContractAnswers}); WireMock's stub matching is never
 * reached for API routes. Requests get here when {@link ContractServletFilter} leaves them to
 * WireMock: in validating-proxy mode, while faults are injected, and for methods the validator does
 * not know.
 */
public final class ContractValidationFilter implements StubRequestFilterV2 {

    private final ContractAnswers answers;
    private final RequestOutcomes outcomes;
    private final ProxyAnswers proxy;
    private final boolean forwardInvalid;

    /**
     * @param proxy the real server's answers, or {@code null} to answer as the mock
     * @param forwardInvalid with a proxy, whether a request that breaks the contract is forwarded anyway
     */
    ContractValidationFilter(ContractAnswers answers, RequestOutcomes outcomes, ProxyAnswers proxy,
                             boolean forwardInvalid) {
        this.answers = answers;
        this.outcomes = outcomes;
        this.proxy = proxy;
        this.forwardInvalid = forwardInvalid;
    }

    @Override
    public String getName() {
        return "remote-cache-contract-validation";
    }

    @Override
    public RequestFilterAction filter(com.github.tomakehurst.wiremock.http.Request request, ServeEvent serveEvent) {
        Optional<Request> adapted = WireMockRequestAdapter.of(request);
        String method = request.getMethod().getName();
        if (adapted.isEmpty()) {
            ContractAnswers.Answer answer = answers.reject(method, request.getUrl(), unknownMethod(request));
            outcomes.put(serveEvent.getId(), answer.verdict());
            return RequestFilterAction.stopWith(answer.response());
        }
        byte[] body = request.getBody() == null ? new byte[0] : request.getBody();
        if (proxy != null) {
            RequestVerdict verdict = answers.check().check(adapted.get());
            if (verdict.accepted() || forwardInvalid) {
                return forward(request, adapted.get(), body, verdict, serveEvent);
            }
            ContractAnswers.Answer answer = answers.reject(method, request.getUrl(), verdict);
            outcomes.put(serveEvent.getId(), answer.verdict());
            return RequestFilterAction.stopWith(answer.response());
        }
        ContractAnswers.Answer answer = answers.answer(adapted.get(), request.getUrl(), body, baseUrlOf(request), true);
        outcomes.put(serveEvent.getId(), answer.verdict());
        return RequestFilterAction.stopWith(answer.response());
    }

    /** Validating-proxy mode: the real server answers; an invalid request goes too only when asked to. */
    private RequestFilterAction forward(com.github.tomakehurst.wiremock.http.Request request, Request adapted,
                                        byte[] body, RequestVerdict verdict, ServeEvent serveEvent) {
        if (!verdict.accepted()) {
            answers.journalRejection(request.getMethod().getName(), request.getUrl(), verdict);
        }
        ProxyAnswers.Proxied proxied = proxy.forward(adapted, request.getUrl(), body);
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
        List<String> allowed = answers.check().contract().methodsAllowedOn(path);
        Violation violation = new Violation(ViolationLocation.METHOD, "method",
                request.getMethod().getName() + " is not an HTTP method this API uses; allowed on " + path + ": "
                        + allowed)
                .at(path).expected(allowed).actual(request.getMethod().getName());
        return new RequestVerdict(Optional.empty(), List.of(violation));
    }
}
