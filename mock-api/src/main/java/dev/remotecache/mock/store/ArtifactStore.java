package dev.remotecache.mock.store;

import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where the mock keeps uploaded artifacts, per team. An artifact is either stored whole or absent:
 * a reader never sees half an upload, and a failed upload leaves what was stored before.
 *
 * <p>Every operation takes effect at one instant between its call and its return (linearizable): an
 * upload becomes visible whole, bytes and metadata together; a download reads one version from
 * start to end, its length and bytes from that version, whatever overwrites or deletes happen
 * meanwhile; concurrent uploads to one hash leave exactly one of them. A store that cannot do what
 * is asked throws {@link StorageFailure} ({@link StorageFailure#of} for an I/O error), with no host
 * path in its message: the API answers 507 when there is no room, 500 otherwise.
 */
public interface ArtifactStore {

  /**
   * Only letters and digits ever reach a store (the spec's hash rule); checked again here, as
   * defence in depth.
   */
  Pattern SAFE_HASH = Pattern.compile("[A-Za-z0-9]+");

  /**
   * Reads {@code bytes} to their end and keeps them under the hash, replacing what was there.
   *
   * @param declaredLength how many bytes the client announced, or -1 when it did not
   * @return the metadata as stored, with the size counted
   * @throws StorageFailure when the store cannot keep the artifact (nothing is kept)
   * @throws java.io.UncheckedIOException when reading {@code bytes} fails (nothing is kept)
   */
  ArtifactMetadata put(
      String team, String hash, InputStream bytes, long declaredLength, ArtifactMetadata metadata);

  /** The artifact's bytes as a stream of its size, with its metadata; the caller closes it. */
  Optional<Content> open(String team, String hash);

  /** The artifact's metadata only (for HEAD and query answers). */
  Optional<ArtifactMetadata> metadata(String team, String hash);

  /** Removes every artifact of the team; returns how many there were. */
  int deleteAll(String team);

  /** Every stored artifact, without bytes. */
  List<StoredArtifact> list();

  /** Removes everything (the mock's reset). */
  void clear();

  /** A stored artifact being read: its metadata and its bytes. */
  record Content(ArtifactMetadata metadata, SizedStream bytes) {}

  static String checkedHash(String hash) {
    if (hash == null || !SAFE_HASH.matcher(hash).matches()) {
      throw new IllegalArgumentException("not a storable artifact hash: " + hash);
    }
    return hash;
  }
}
