package dev.remotecache.mock.store;

import java.math.BigDecimal;
import java.time.Instant;

/** What an upload said about an artifact besides its bytes; given back on download and query. */
public record ArtifactMetadata(
        long size,
        BigDecimal durationMs,
        String tag,
        String sha,
        String dirtyHash,
        String clientCi,
        Instant uploadedAt) {
}
