package dev.remotecache.mock.wiremock;

import dev.remotecache.mock.contract.RequestVerdict;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Hands each request's verdict from the validating filter to the request log, which only runs once
 * the answer has gone out. Entries live for one request.
 */
final class RequestOutcomes {

    /** A guard against requests whose completion is never reported (the client vanished mid-answer). */
    private static final int MAX_PENDING = 10_000;

    /**
     * A request's verdict, anything else the log line should say about it (or {@code null}), and
     * when the filter saw it ({@link System#nanoTime()}).
     */
    record Outcome(RequestVerdict verdict, String note, long startNanos) { }

    private final Map<UUID, Outcome> pending = new ConcurrentHashMap<>();

    void put(UUID serveEventId, RequestVerdict verdict) {
        put(serveEventId, verdict, null);
    }

    void put(UUID serveEventId, RequestVerdict verdict, String note) {
        if (pending.size() >= MAX_PENDING) {
            pending.clear();
        }
        pending.put(serveEventId, new Outcome(verdict, note, System.nanoTime()));
    }

    Outcome take(UUID serveEventId) {
        return pending.remove(serveEventId);
    }
}
