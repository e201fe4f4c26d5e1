package dev.remotecache.mock.wiremock;

import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.remotecache.mock.contract.RequestVerdict;
import dev.remotecache.mock.journal.MockJournal;
import dev.remotecache.mock.journal.RequestRecord;
import java.time.Clock;
import java.util.function.Consumer;

/**
 * Once a request is answered: records it in the journal (for the live view) and writes its line
 * to the request log.
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

    @Override
    public void afterComplete(ServeEvent event, Parameters parameters) {
        RequestOutcomes.Outcome outcome = outcomes.take(event.getId());
        if (outcome == null) {
            return; // admin requests and anything the filter did not see
        }
        RequestVerdict verdict = outcome.verdict();
        String summary = verdict.accepted() ? null : verdict.places();
        if (outcome.note() != null) {
            summary = summary == null ? outcome.note() : summary + "; " + outcome.note();
        }
        int status = event.getResponse() == null ? 0 : event.getResponse().getStatus();
        Integer millis = event.getTiming() == null ? null : event.getTiming().getTotalTime();
        RequestRecord record = new RequestRecord(clock.instant(), event.getRequest().getMethod().getName(),
                event.getRequest().getUrl(),
                verdict.operation().map(op -> op.getOperation().getOperationId()).orElse(null),
                status, verdict.accepted(), verdict.violations().size(), summary, millis);
        journal.record(record);
        sink.accept(format.format(record));
    }
}
