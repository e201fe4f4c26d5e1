package dev.remotecache.mock.wiremock;

import dev.remotecache.mock.contract.BodySizeLimit;
import dev.remotecache.mock.contract.RequestVerdict;
import dev.remotecache.mock.journal.MockJournal;
import dev.remotecache.mock.journal.Rejection;
import dev.remotecache.mock.journal.RequestRecord;
import dev.remotecache.mock.stub.model.Violation;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import wiremock.jakarta.servlet.Filter;
import wiremock.jakarta.servlet.FilterChain;
import wiremock.jakarta.servlet.ServletException;
import wiremock.jakarta.servlet.ServletRequest;
import wiremock.jakarta.servlet.ServletResponse;
import wiremock.jakarta.servlet.http.HttpServletRequest;
import wiremock.jakarta.servlet.http.HttpServletResponse;

/**
 * Refuses a body over the size limit before WireMock reads it (WireMock reads every body whole,
 * before any of its extensions run): on its declared {@code Content-Length}, or, for a chunked
 * body, as soon as more than the limit has arrived. Runs as a servlet filter in front of WireMock
 * (the servlet API is WireMock's shaded copy).
 */
final class BodySizeServletFilter implements Filter {

    private final BodySizeLimit limit;
    private final MockJournal journal;
    private final Consumer<String> requestLog;
    private final Clock clock;
    private final RequestLine format;

    BodySizeServletFilter(BodySizeLimit limit, MockJournal journal, Consumer<String> requestLog, RequestLine format,
                          Clock clock) {
        this.format = format;
        this.limit = limit;
        this.journal = journal;
        this.requestLog = requestLog;
        this.clock = clock;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        Optional<Violation> declared = limit.checkDeclared(request.getHeader("Content-Length"));
        if (declared.isPresent()) {
            response.setHeader("Connection", "close"); // the body is never read: the connection can't be reused
            refuse(request, response, declared.get());
            return;
        }
        if (request.getHeader("Content-Length") == null && request.getHeader("Transfer-Encoding") != null) {
            byte[] body = request.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit.maxBytes() + 1));
            Optional<Violation> read = limit.checkRead(body.length);
            if (read.isPresent()) {
                response.setHeader("Connection", "close"); // the rest of the body is not read
                refuse(request, response, read.get());
                return;
            }
            chain.doFilter(new BufferedBodyRequest(request, body), response);
            return;
        }
        chain.doFilter(req, res);
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, Violation violation)
            throws IOException {
        RequestVerdict verdict = new RequestVerdict(Optional.empty(), List.of(violation));
        String url = request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        journal.record(new Rejection(clock.instant(), request.getMethod(), url, verdict.status(), verdict.violations()));
        RequestRecord record = new RequestRecord(clock.instant(), request.getMethod(), url, null, verdict.status(),
                false, verdict.violations().size(), verdict.places(), null);
        journal.record(record);
        if (requestLog != dev.remotecache.mock.MockSettings.NO_REQUEST_LOG) {
            requestLog.accept(format.format(record));
        }
        response.setStatus(verdict.status());
        response.setContentType("application/json");
        response.getOutputStream().write(ErrorBodies.of(verdict));
    }
}
