package dev.remotecache.mock.store;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where the mock keeps uploaded artifacts, per team. An artifact is either stored whole or absent:
 * a reader never sees half an upload.
 */
public interface ArtifactStore {

    /** Only letters and digits ever reach a store (the spec's hash rule); checked again here, as defence in depth. */
    Pattern SAFE_HASH = Pattern.compile("[A-Za-z0-9]{1,256}");

    void put(String team, String hash, byte[] bytes, ArtifactMetadata metadata);

    /** The artifact with its bytes. */
    Optional<StoredArtifact> get(String team, String hash);

    /** The artifact's metadata only (for HEAD and query answers). */
    Optional<ArtifactMetadata> metadata(String team, String hash);

    /** Removes every artifact of the team; returns how many there were. */
    int deleteAll(String team);

    /** Every stored artifact, without bytes. */
    List<StoredArtifact> list();

    /** Removes everything (the mock's reset). */
    void clear();

    static String checkedHash(String hash) {
        if (hash == null || !SAFE_HASH.matcher(hash).matches()) {
            throw new IllegalArgumentException("not a storable artifact hash: " + hash);
        }
        return hash;
    }
}
