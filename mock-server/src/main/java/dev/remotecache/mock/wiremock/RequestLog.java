package dev.remotecache.mock.wiremock;

import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.remotecache.mock.contract.RequestVerdict;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.function.Consumer;

/**
 * One line per answered request, readable at a glance:
 * <pre>
 * 14:02:11.374  POST /v8/artifacts/events?slug=team_x  200 accepted  4 ms
 * 14:02:11.901  POST /v8/artifacts/events  400 rejected  3 ms  body /0/source must be one of [LOCAL, REMOTE], got "local"
 * </pre>
 */
final class RequestLog implements ServeEventListener {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    private final RequestOutcomes outcomes;
    private final Consumer<String> sink;

    RequestLog(RequestOutcomes outcomes, Consumer<String> sink) {
        this.outcomes = outcomes;
        this.sink = sink;
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
        RequestVerdict verdict = outcomes.take(event.getId());
        if (verdict == null) {
            return; // admin requests and anything the filter did not see
        }
        int status = event.getResponse() == null ? 0 : event.getResponse().getStatus();
        Integer millis = event.getTiming() == null ? null : event.getTiming().getTotalTime();
        StringBuilder line = new StringBuilder()
                .append(LocalTime.now().format(TIME)).append("  ")
                .append(event.getRequest().getMethod().getName()).append(' ')
                .append(event.getRequest().getUrl()).append("  ")
                .append(status).append(verdict.accepted() ? " accepted" : " rejected");
        if (millis != null) {
            line.append("  ").append(millis).append(" ms");
        }
        if (!verdict.accepted()) {
            line.append("  ").append(verdict.places());
        }
        sink.accept(line.toString());
    }
}
