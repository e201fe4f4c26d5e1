package dev.remotecache.mock.journal;

import dev.remotecache.client.model.CacheUsageEvent;
import dev.remotecache.mock.store.ArtifactMetadata;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One accepted {@code recordEvents} request: its events, typed with the models generated from the
 * spec, the team and client headers they came with, and the stored artifacts they name (by hash, as
 * they were when the events arrived; a hash with no stored artifact is absent).
 */
public record EventBatch(
    Instant receivedAt,
    String teamId,
    String slug,
    String clientCi,
    Integer clientInteractive,
    List<CacheUsageEvent> events,
    Map<String, ArtifactMetadata> artifacts) {

  public EventBatch {
    events = List.copyOf(events);
    artifacts = Map.copyOf(artifacts);
  }
}
