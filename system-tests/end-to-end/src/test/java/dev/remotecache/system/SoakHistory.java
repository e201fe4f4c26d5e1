package dev.remotecache.system;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the soak's clients sent and saw, with the time each request was sent and answered (one
 * clock: the clients share this JVM), and the checks that need all of it: whether what a read saw
 * could have been the artifact's state at some moment while it ran, as in a store that is
 * linearizable per hash, and which states the store may be in once everything has ended.
 *
 * <p>Every upload's bytes come from its id; its tag names the id and the bytes' SHA-256, its
 * duration is a function of the id. Any answer's pairing of bytes, tag, duration and size can so be
 * checked against the one upload it names.
 */
final class SoakHistory {

  /** The time of an answer never received (the request was cut by the kill). */
  static final long NEVER = Long.MAX_VALUE;

  /** The answer of an upload that succeeded (the spec's, for uploadArtifact). */
  final int uploaded;

  /** The answer of a delete that succeeded (deleteAllArtifacts). */
  final int deletedAll;

  private final AtomicLong ids = new AtomicLong();
  private final Map<String, Upload> byTag = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<Delete> deletes = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<Read> reads = new ConcurrentLinkedQueue<>();

  SoakHistory(int uploaded, int deletedAll) {
    this.uploaded = uploaded;
    this.deletedAll = deletedAll;
  }

  /** One upload: its bytes are {@code new SeededBytes(id, size)}. */
  final class Upload {
    final long id;
    final String hash;
    final long size;
    final String sha256;
    final String tag;
    final BigDecimal duration;
    final long sent;
    volatile long answered = NEVER;
    volatile int status; // 0 until answered

    private Upload(long id, String hash, long size, long sent) {
      this.id = id;
      this.hash = hash;
      this.size = size;
      this.sha256 = HexFormat.of().formatHex(SeededBytes.sha256(id, size));
      this.tag = "upload" + id + "-sha256-" + sha256;
      this.duration = BigDecimal.valueOf((id * 7919 + 13) % 1_000_000);
      this.sent = sent;
    }

    /** Stored for certain: the server said so. */
    boolean completed() {
      return status == uploaded;
    }

    /** Possibly stored: stored for certain, or cut by the kill before any answer. */
    boolean mayBeStored() {
      return completed() || status == 0;
    }

    @Override
    public String toString() {
      return "upload "
          + id
          + " ("
          + size
          + " bytes to "
          + hash
          + (status == 0 ? ", no answer yet" : ", answered " + status)
          + ")";
    }
  }

  record Delete(long sent, long answered, int status) {}

  /** A download, HEAD or query entry of {@code hash}: the upload it showed, or none (a miss). */
  record Read(String operation, String hash, long sent, long answered, Upload seen) {}

  /** Registers a new upload to {@code hash}, about to be sent. */
  Upload newUpload(String hash, long size) {
    return newUpload(hash, size, System.nanoTime());
  }

  /** The same, sent at {@code sent} (on {@link System#nanoTime()}'s clock). */
  Upload newUpload(String hash, long size, long sent) {
    Upload upload = new Upload(ids.incrementAndGet(), hash, size, sent);
    byTag.put(upload.tag, upload);
    return upload;
  }

  Optional<Upload> byTag(String tag) {
    return Optional.ofNullable(tag).map(byTag::get);
  }

  void deleted(long sent, long answered, int status) {
    deletes.add(new Delete(sent, answered, status));
  }

  void read(String operation, String hash, long sent, long answered, Upload seen) {
    reads.add(new Read(operation, hash, sent, answered, seen));
  }

  /**
   * The reads that no order of the operations consistent with their times explains: a version
   * already replaced (or deleted) for certain when the read was sent, one that failed, or a miss
   * while an upload was there for certain.
   */
  List<String> impossibleReads() {
    List<String> wrong = new ArrayList<>();
    for (Read read : reads) {
      if (read.seen() != null) {
        Upload seen = read.seen();
        if (!seen.mayBeStored()) {
          wrong.add(read + ": shows " + seen + ", which failed");
        }
        if (seen.sent > read.answered()) {
          wrong.add(read + ": shows " + seen + ", sent after this answer");
        }
        overwrittenBefore(seen, read.sent())
            .ifPresent(
                after -> wrong.add(read + ": shows " + seen + ", replaced before by " + after));
      } else {
        presentThroughout(read.hash(), read.sent(), read.answered())
            .ifPresent(there -> wrong.add(read + ": a miss while " + there + " was stored"));
      }
    }
    return wrong;
  }

  /** An operation that replaced or deleted {@code upload} for certain before {@code time}. */
  private Optional<Object> overwrittenBefore(Upload upload, long time) {
    for (Upload other : byTag.values()) {
      if (other.hash.equals(upload.hash)
          && other.completed()
          && other.sent > upload.answered
          && other.answered < time) {
        return Optional.of(other);
      }
    }
    for (Delete delete : deletes) {
      if (delete.status() == deletedAll
          && delete.sent() > upload.answered
          && delete.answered() < time) {
        return Optional.of(delete);
      }
    }
    return Optional.empty();
  }

  /**
   * An upload of {@code hash} stored for certain before {@code from} that no delete can have
   * removed before {@code to}.
   */
  private Optional<Upload> presentThroughout(String hash, long from, long to) {
    for (Upload upload : byTag.values()) {
      if (upload.hash.equals(hash) && upload.completed() && upload.answered < from) {
        // A delete may fall between the upload and the read unless it ended before the upload
        // was sent or started after the read was answered.
        boolean mayBeDeleted =
            deletes.stream()
                .filter(d -> d.status() == deletedAll || d.status() == 0)
                .anyMatch(d -> d.answered() > upload.sent && d.sent() < to);
        if (!mayBeDeleted) {
          return Optional.of(upload);
        }
      }
    }
    return Optional.empty();
  }

  /**
   * The uploads {@code hash} may hold once every operation has ended: possibly stored, and replaced
   * or deleted by nothing that came after it for certain.
   */
  List<Upload> possibleLast(String hash) {
    return byTag.values().stream()
        .filter(u -> u.hash.equals(hash) && u.mayBeStored())
        .filter(u -> overwrittenBefore(u, NEVER).isEmpty())
        .toList();
  }

  /**
   * Whether {@code hash} may hold nothing once every operation has ended: no upload stored for
   * certain, or a delete that may have come after each.
   */
  boolean mayEndAbsent(String hash) {
    List<Upload> completed =
        byTag.values().stream().filter(u -> u.hash.equals(hash) && u.completed()).toList();
    if (completed.isEmpty()) {
      return true;
    }
    return deletes.stream()
        .filter(d -> d.status() == deletedAll || d.status() == 0)
        .anyMatch(d -> completed.stream().noneMatch(u -> u.sent > d.answered()));
  }
}
