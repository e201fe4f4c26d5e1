package dev.remotecache.client;

import jakarta.annotation.Nullable;
import java.time.Duration;
import java.util.Objects;

/**
 * What an upload may say about its artifact besides its bytes, by name: each one is an optional
 * header of {@code uploadArtifact}, left out unless set. Immutable: every setter returns a copy.
 *
 * <pre>{@code
 * new UploadOptions().duration(Duration.ofMillis(178)).tag(signature).sha(commit)
 * }</pre>
 */
public final class UploadOptions {

  @Nullable private final Duration duration;
  @Nullable private final String tag;
  @Nullable private final String sha;
  @Nullable private final String dirtyHash;

  /** No header: the artifact's bytes only. */
  public UploadOptions() {
    this(null, null, null, null);
  }

  private UploadOptions(
      @Nullable Duration duration,
      @Nullable String tag,
      @Nullable String sha,
      @Nullable String dirtyHash) {
    this.duration = duration;
    this.tag = tag;
    this.sha = sha;
    this.dirtyHash = dirtyHash;
  }

  /**
   * The time the task took to produce the artifact ({@code x-artifact-duration}, sent in whole
   * milliseconds); given back on download, where turbo reads it as the time a hit saved.
   */
  public UploadOptions duration(Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException("duration must not be negative, got " + duration);
    }
    return new UploadOptions(duration, tag, sha, dirtyHash);
  }

  /**
   * A signature of the artifact ({@code x-artifact-tag}; turbo sends an HMAC in base64), given back
   * unchanged on download.
   */
  public UploadOptions tag(String tag) {
    return new UploadOptions(duration, Objects.requireNonNull(tag, "tag"), sha, dirtyHash);
  }

  /** The git commit the artifact was built from ({@code x-artifact-sha}). */
  public UploadOptions sha(String sha) {
    return new UploadOptions(duration, tag, Objects.requireNonNull(sha, "sha"), dirtyHash);
  }

  /**
   * A hash of the uncommitted changes the artifact was built with ({@code x-artifact-dirty-hash}).
   */
  public UploadOptions dirtyHash(String dirtyHash) {
    return new UploadOptions(duration, tag, sha, Objects.requireNonNull(dirtyHash, "dirtyHash"));
  }

  @Nullable public Duration duration() {
    return duration;
  }

  @Nullable public String tag() {
    return tag;
  }

  @Nullable public String sha() {
    return sha;
  }

  @Nullable public String dirtyHash() {
    return dirtyHash;
  }

  @Override
  public String toString() {
    return "UploadOptions[duration="
        + duration
        + ", tag="
        + tag
        + ", sha="
        + sha
        + ", dirtyHash="
        + dirtyHash
        + "]";
  }
}
