package dev.remotecache.mock.wiremock;

import com.atlassian.oai.validator.model.Request;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import dev.remotecache.mock.overrides.ResponseOverrides;
import java.io.IOException;
import wiremock.jakarta.servlet.Filter;
import wiremock.jakarta.servlet.FilterChain;
import wiremock.jakarta.servlet.ServletException;
import wiremock.jakarta.servlet.ServletRequest;
import wiremock.jakarta.servlet.ServletResponse;
import wiremock.jakarta.servlet.http.HttpServletRequest;
import wiremock.jakarta.servlet.http.HttpServletResponse;

/**
 * Answers API requests at the servlet layer, in front of WireMock's request handling: the same
 * check and answers as {@link ContractValidationFilter}, without the copies of the request, the
 * serve event and the stub lookup WireMock makes for every request before its filters run (a third
 * of a small request's cost, and most of its garbage).
 *
 * <p>Leaves to WireMock (and so to {@link ContractValidationFilter}) what needs its machinery:
 * every request while a fault is injected (WireMock breaks connections), validating-proxy mode,
 * methods the validator has no name for, and the live view's short address.
 */
final class ContractServletFilter implements Filter {

    private final ContractAnswers answers;
    private final RequestLog log;
    private final ResponseOverrides overrides;
    private final boolean proxying;

    ContractServletFilter(ContractAnswers answers, RequestLog log, ResponseOverrides overrides, boolean proxying) {
        this.answers = answers;
        this.log = log;
        this.overrides = overrides;
        this.proxying = proxying;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        if (proxying || overrides.hasFaults() || request.getRequestURI().startsWith(LiveViewRedirectFilter.SHORT_PATH)
                || AdaptedRequest.methodOf(request.getMethod()).isEmpty()) {
            chain.doFilter(req, res);
            return;
        }
        long start = System.nanoTime();
        // Within the size limit: BodySizeServletFilter, in front of this one, has seen to it.
        byte[] body = request.getInputStream().readAllBytes();
        Request adapted = ServletRequestAdapter.of(request, body).orElseThrow(); // the method is known (above)
        String url = request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        ContractAnswers.Answer answer = answers.answer(adapted, url, body, baseUrlOf(request), false);
        ResponseDefinition response = answer.response();
        // Journaled before the answer goes out: a client that has its answer finds its request.
        log.answered(request.getMethod(), url, answer.verdict(), null, response.getStatus(), start);
        write(response, (HttpServletResponse) res, "HEAD".equals(request.getMethod()));
    }

    private static void write(ResponseDefinition answer, HttpServletResponse response, boolean head)
            throws IOException {
        response.setStatus(answer.getStatus());
        if (answer.getHeaders() != null) {
            for (HttpHeader header : answer.getHeaders().all()) {
                for (String value : header.values()) {
                    response.addHeader(header.key(), value);
                }
            }
        }
        byte[] body = answer.getByteBody();
        if (body != null && body.length > 0 && !head) {
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
        }
    }

    /** {@code http://host:port} as the client addressed the mock. */
    private static String baseUrlOf(HttpServletRequest request) {
        StringBuffer url = request.getRequestURL();
        return url.substring(0, url.length() - request.getRequestURI().length());
    }
}
