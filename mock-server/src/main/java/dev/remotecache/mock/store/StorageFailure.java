package dev.remotecache.mock.store;

/**
 * The store could not keep an artifact: over its budget, out of space, or an I/O error while
 * writing. Nothing of the artifact was kept; the API answers the spec's 507, or 413 for an artifact
 * larger than the store could ever take.
 */
public final class StorageFailure extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final boolean tooLarge;

  public StorageFailure(String message, Throwable cause) {
    super(message, cause);
    this.tooLarge = false;
  }

  public StorageFailure(String message) {
    this(message, false);
  }

  /**
   * @param tooLarge whether the artifact alone is more than the store can ever take (the API's 413)
   */
  public StorageFailure(String message, boolean tooLarge) {
    super(message);
    this.tooLarge = tooLarge;
  }

  public boolean tooLarge() {
    return tooLarge;
  }
}
