package dev.remotecache.mock.wiremock;

import com.atlassian.oai.validator.model.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import dev.remotecache.mock.contract.ContractCheck;
import dev.remotecache.mock.contract.RequestVerdict;
import dev.remotecache.mock.journal.MockJournal;
import dev.remotecache.mock.journal.Rejection;
import java.time.Clock;

/**
 * What the mock answers to one API request, whichever layer received it: the contract's verdict,
 * then the accepted request's own answer, or the rejection naming every violation (journaled).
 */
final class ContractAnswers {

    /** The verdict on a request and the answer to send. */
    record Answer(RequestVerdict verdict, ResponseDefinition response) { }

    private final ContractCheck check;
    private final AcceptedRequestAnswers accepted;
    private final ErrorResponses errors;
    private final MockJournal journal;
    private final Clock clock;

    ContractAnswers(ContractCheck check, AcceptedRequestAnswers accepted, ErrorResponses errors, MockJournal journal,
                    Clock clock) {
        this.check = check;
        this.accepted = accepted;
        this.errors = errors;
        this.journal = journal;
        this.clock = clock;
    }

    ContractCheck check() {
        return check;
    }

    /**
     * @param url the path and query as sent (for the journal)
     * @param body the raw body (empty for none)
     * @param baseUrl {@code http://host:port} as the client addressed the mock
     * @param applyFaults whether a fault injected for the operation may shape the answer
     */
    Answer answer(Request request, String url, byte[] body, String baseUrl, boolean applyFaults) {
        RequestVerdict verdict = check.check(request);
        if (verdict.accepted()) {
            AcceptedRequestAnswers.Outcome outcome = accepted.answer(verdict.operation().orElseThrow(), request, body,
                    baseUrl, applyFaults);
            if (outcome.refusal() == null) {
                return new Answer(verdict, outcome.response());
            }
            verdict = outcome.refusal();
        }
        return reject(request.getMethod().name(), url, verdict);
    }

    /** Journals a rejected request and answers it with the API's error. */
    Answer reject(String method, String url, RequestVerdict verdict) {
        journalRejection(method, url, verdict);
        return new Answer(verdict, errors.rejection(verdict, "HEAD".equals(method)));
    }

    /** Journals a request that broke the contract (also one a validating proxy forwards anyway). */
    void journalRejection(String method, String url, RequestVerdict verdict) {
        journal.record(new Rejection(clock.instant(), method, url, verdict.status(), verdict.violations()));
    }
}
