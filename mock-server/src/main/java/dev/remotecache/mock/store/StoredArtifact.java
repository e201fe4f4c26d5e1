package dev.remotecache.mock.store;

/** One artifact as stored: its team, hash, metadata and (when read with them) its bytes. */
public record StoredArtifact(String team, String hash, ArtifactMetadata metadata, byte[] bytes) {

    /** The same artifact without its bytes (for listings). */
    public StoredArtifact withoutBytes() {
        return new StoredArtifact(team, hash, metadata, null);
    }
}
