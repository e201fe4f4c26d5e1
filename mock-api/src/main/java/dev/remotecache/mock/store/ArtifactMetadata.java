package dev.remotecache.mock.store;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * What an upload said about an artifact besides its bytes; given back on download and query.
 *
 * @param size the number of bytes stored (-1 until the store has read them)
 */
public record ArtifactMetadata(
    long size,
    BigDecimal durationMs,
    String tag,
    String sha,
    String dirtyHash,
    String clientCi,
    Instant uploadedAt) {

  /** The same metadata with the size the store counted. */
  public ArtifactMetadata withSize(long bytes) {
    return new ArtifactMetadata(bytes, durationMs, tag, sha, dirtyHash, clientCi, uploadedAt);
  }
}
