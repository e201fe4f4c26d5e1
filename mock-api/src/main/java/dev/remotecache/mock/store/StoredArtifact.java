package dev.remotecache.mock.store;

/** One stored artifact, without its bytes: its team, hash and metadata (for listings). */
public record StoredArtifact(String team, String hash, ArtifactMetadata metadata) {}
