package dev.remotecache.mock.store;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.util.Locale;

/**
 * The store could not do what was asked: keep an artifact (over its budget, out of space, an I/O
 * error while writing) or read one (an I/O error). A failed upload keeps nothing of the artifact.
 * The API answers 413 for an artifact larger than the store could ever take, 507 when there is no
 * room, 500 for any other failure.
 *
 * <p>The message is what a client may read: it never names a host path. The cause, with the paths,
 * is for the log, and the store does not log it itself: whoever answers the failure logs it once,
 * with the request it failed.
 */
public final class StorageFailure extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** What went wrong, and so which answer the API gives. */
  public enum Kind {
    /** The artifact alone is more than the store can ever take (the API's 413). */
    TOO_LARGE,
    /** No room: a budget, a full disk, a quota (the API's 507). */
    NO_SPACE,
    /** Anything else: the store is broken (the API's 500). */
    FAILED
  }

  private final Kind kind;

  public StorageFailure(String message, Kind kind, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  /** No room (507), with its cause. */
  public StorageFailure(String message, Throwable cause) {
    this(message, Kind.NO_SPACE, cause);
  }

  /** No room (507). */
  public StorageFailure(String message) {
    this(message, false);
  }

  /**
   * @param tooLarge whether the artifact alone is more than the store can ever take (the API's 413)
   */
  public StorageFailure(String message, boolean tooLarge) {
    this(message, tooLarge ? Kind.TOO_LARGE : Kind.NO_SPACE, null);
  }

  /**
   * An I/O failure of the store: {@link Kind#NO_SPACE} when the file system is full or over a
   * quota, else {@link Kind#FAILED}.
   *
   * @param doing what the store was doing, for the client ("the artifact could not be stored"); no
   *     path
   */
  public static StorageFailure of(String doing, IOException cause) {
    return of(doing, null, cause);
  }

  /**
   * As {@link #of(String, IOException)}, with what the store was doing where, for the log only.
   *
   * @param where what and where, with the host path ("the artifact abc of team t in /srv/cache");
   *     it is put in the cause chain, never in the message
   */
  public static StorageFailure of(String doing, String where, IOException failure) {
    IOException cause = where == null ? failure : new IOException(where, failure);
    String reason =
        failure instanceof FileSystemException fs && fs.getReason() != null
            ? fs.getReason()
            : String.valueOf(failure.getMessage());
    String lower = reason.toLowerCase(Locale.ROOT);
    boolean full = lower.contains("no space left") || lower.contains("disk quota exceeded");
    return full
        ? new StorageFailure(doing + ": no space left on the storage device", Kind.NO_SPACE, cause)
        : new StorageFailure(
            doing
                + ": "
                + failure.getClass().getSimpleName()
                + " in the mock's storage (see its log)",
            Kind.FAILED,
            cause);
  }

  public Kind kind() {
    return kind;
  }

  public boolean tooLarge() {
    return kind == Kind.TOO_LARGE;
  }
}
