package dev.remotecache.mock.store;

/**
 * The store could not keep an artifact: over its budget, out of space, or an I/O error while
 * writing. Nothing of the artifact was kept; the API answers the spec's 507.
 */
public final class StorageFailure extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public StorageFailure(String message, Throwable cause) {
    super(message, cause);
  }

  public StorageFailure(String message) {
    super(message);
  }
}
