package dev.remotecache.mock.internal.engine;

import dev.remotecache.mock.MockSettings;
import dev.remotecache.mock.store.ArtifactStore;

/**
 * The server in this JVM: provided by the server module ({@code remote-cache-mock}, Java 21+) and
 * found through {@link java.util.ServiceLoader}, so that nothing of the Java 17 line names a Java
 * 21 class.
 */
public interface InProcessEngineFactory {

  /**
   * @param store a store object of the caller's, or {@code null} for the one the settings describe
   */
  MockEngine create(MockSettings settings, ArtifactStore store);
}
