package dev.remotecache.mock.wiremock;

import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.remotecache.mock.MockSettings;
import dev.remotecache.mock.contract.RequestVerdict;
import dev.remotecache.mock.journal.MockJournal;
import dev.remotecache.mock.journal.RequestRecord;
import java.time.Clock;
import java.util.function.Consumer;

/**
 * As a request is answered: records it in the journal (for verification and the live view) and
 * writes its line to the request log.
 */
final class RequestLog implements ServeEventListener {

    private final RequestOutcomes outcomes;
    private final MockJournal journal;
    private final RequestLine format;
    private final Consumer<String> sink;
    private final Clock clock;

    RequestLog(RequestOutcomes outcomes, MockJournal journal, RequestLine format, Consumer<String> sink, Clock clock) {
        this.outcomes = outcomes;
        this.journal = journal;
        this.format = format;
        this.sink = sink;
        this.clock = clock;
    }

    @Override
    public String getName() {
        return "remote-cache-request-log";
    }

    @Override
    public boolean applyGlobally() {
        return true;
    }

    /**
     * Before the answer goes out, so that a client that has its answer finds its request in the
     * journal (verification right after a call must not race the log).
     */
    @Override
    public void beforeResponseSent(ServeEvent event, Parameters parameters) {
        RequestOutcomes.Outcome outcome = outcomes.take(event.getId());
        if (outcome == null) {
            return; // admin requests and anything the filter did not see
        }
        int status = event.getResponseDefinition() == null ? 0 : event.getResponseDefinition().getStatus();
        answered(event.getRequest().getMethod().getName(), event.getRequest().getUrl(), outcome.verdict(),
                outcome.note(), status, outcome.startNanos());
    }

    /**
     * Journals one API request and writes its line; called before its answer goes out.
     *
     * @param note anything else the line should say ({@code null} for nothing)
     * @param startNanos when the mock received it ({@link System#nanoTime()})
     */
    void answered(String method, String url, RequestVerdict verdict, String note, int status, long startNanos) {
        String summary = verdict.accepted() ? null : verdict.places();
        if (note != null) {
            summary = summary == null ? note : summary + "; " + note;
        }
        int millis = (int) ((System.nanoTime() - startNanos) / 1_000_000);
        RequestRecord record = new RequestRecord(clock.instant(), method, url,
                verdict.operation().map(op -> op.getOperation().getOperationId()).orElse(null),
                status, verdict.accepted(), verdict.violations().size(), summary, millis);
        journal.record(record);
        if (sink != MockSettings.NO_REQUEST_LOG) {
            sink.accept(format.format(record));
        }
    }
}
