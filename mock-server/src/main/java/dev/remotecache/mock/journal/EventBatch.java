package dev.remotecache.mock.journal;

import dev.remotecache.mock.stub.model.CacheUsageEvent;
import java.time.Instant;
import java.util.List;

/**
 * One accepted {@code recordEvents} request: its events, typed with the models generated from the
 * spec, and the team and client headers they came with.
 */
public record EventBatch(
        Instant receivedAt,
        String teamId,
        String slug,
        String clientCi,
        Integer clientInteractive,
        List<CacheUsageEvent> events) {

    public EventBatch {
        events = List.copyOf(events);
    }
}
