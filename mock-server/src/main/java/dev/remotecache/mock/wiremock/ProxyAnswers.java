package dev.remotecache.mock.wiremock;

import com.atlassian.oai.validator.model.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import dev.remotecache.mock.journal.MockJournal;
import dev.remotecache.mock.journal.ServerDeviation;
import dev.remotecache.mock.proxy.ValidatingProxy;
import dev.remotecache.mock.stub.model.Violation;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Answers with what the real server behind {@code --proxy} says, and journals where its answer
 * breaks the spec. An unreachable server is a 502 in the API's error shape.
 */
final class ProxyAnswers {

    /** The answer, and a note for the log line (or {@code null}). */
    record Proxied(ResponseDefinition response, String note) { }

    private final ValidatingProxy proxy;
    private final MockJournal journal;
    private final Clock clock;

    ProxyAnswers(ValidatingProxy proxy, MockJournal journal, Clock clock) {
        this.proxy = proxy;
        this.journal = journal;
        this.clock = clock;
    }

    Proxied forward(Request request, String pathAndQuery, byte[] body) {
        try {
            ValidatingProxy.Forwarded forwarded = proxy.forward(request, pathAndQuery, body);
            String note = null;
            List<Violation> violations = forwarded.violations();
            if (!violations.isEmpty()) {
                journal.record(new ServerDeviation(clock.instant(), request.getMethod().name(), pathAndQuery,
                        forwarded.answer().status(), violations));
                note = "the server's " + forwarded.answer().status() + " breaks the contract: " + violations.stream()
                        .map(v -> v.getIn() + (v.getAt() == null || v.getAt().isEmpty() ? "" : " " + v.getAt()) + " "
                                + v.getRule()).collect(Collectors.joining("; "));
            }
            return new Proxied(ErrorBodies.toWireMock(forwarded.answer()), note);
        } catch (IOException e) {
            return new Proxied(badGateway(e.toString()), "the server behind --proxy did not answer: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Proxied(badGateway("interrupted"), "interrupted");
        }
    }

    private ResponseDefinition badGateway(String why) {
        return ErrorBodies.answer(502, "bad_gateway", "the server behind --proxy (" + proxy.target()
                + ") did not answer: " + why);
    }
}
