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

    private final Map<UUID, RequestVerdict> pending = new ConcurrentHashMap<>();

    void put(UUID serveEventId, RequestVerdict verdict) {
        if (pending.size() >= MAX_PENDING) {
            pending.clear();
        }
        pending.put(serveEventId, verdict);
    }

    RequestVerdict take(UUID serveEventId) {
        return pending.remove(serveEventId);
    }
}
