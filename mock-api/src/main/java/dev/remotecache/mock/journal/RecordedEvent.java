package dev.remotecache.mock.journal;

import dev.remotecache.client.model.CacheUsageEvent;
import java.time.Instant;

/**
 * One accepted event with the request context it came in: when, for which team, from which client.
 */
public record RecordedEvent(
    Instant receivedAt,
    String teamId,
    String slug,
    String clientCi,
    Integer clientInteractive,
    CacheUsageEvent event) {}
