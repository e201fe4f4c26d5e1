package dev.remotecache.mock.internal.engine;

import dev.remotecache.mock.MockSettings;
import dev.remotecache.mock.store.ArtifactStore;
import java.util.ServiceLoader;

/**
 * Picks the engine a mock runs on: in this JVM when it is Java 21+ (the validator needs 21), in a
 * JVM of its own otherwise, or when asked ({@code Builder.outOfProcess(true)}, or {@value
 * #OUT_OF_PROCESS_PROPERTY}{@code =true} for every mock of a test run).
 *
 * <p>The in-process engine comes from the server module through {@link ServiceLoader} ({@link
 * InProcessEngineFactory}), looked up only on Java 21+: this module is Java 17 and cannot name it.
 */
public final class MockEngines {

  public static final String OUT_OF_PROCESS_PROPERTY = "remotecache.mock.outOfProcess";

  static final int IN_PROCESS_FEATURE = 21;

  private MockEngines() {}

  /**
   * @param store a store object of the caller's, or {@code null} for the settings' own
   * @param outOfProcess {@code true} or {@code false} when the caller chose, {@code null} to decide
   */
  public static MockEngine create(
      MockSettings settings, ArtifactStore store, Boolean outOfProcess) {
    int feature = Runtime.version().feature();
    boolean separate =
        outOfProcess != null
            ? outOfProcess
            : feature < IN_PROCESS_FEATURE || Boolean.getBoolean(OUT_OF_PROCESS_PROPERTY);
    if (!separate && feature < IN_PROCESS_FEATURE) {
      throw new IllegalStateException(
          "outOfProcess(false): the mock's server runs in this JVM only on Java "
              + IN_PROCESS_FEATURE
              + "+, and this is Java "
              + feature
              + "; leave outOfProcess unset and it runs in a JVM of its own");
    }
    if (separate) {
      if (store != null) {
        throw new UnsupportedOperationException(
            "Builder.store(...) needs the mock's server in this JVM (Java "
                + IN_PROCESS_FEATURE
                + "+): here it runs in a JVM of its own, which cannot reach a store object of"
                + " this one. Use Builder.storage(directory), or run the tests on Java "
                + IN_PROCESS_FEATURE
                + "+.");
      }
      return new ProcessEngine(settings);
    }
    return ServiceLoader.load(InProcessEngineFactory.class, MockEngines.class.getClassLoader())
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "the mock's server is not on the class path: depend on"
                        + " dev.remotecache:remote-cache-mock (it brings remote-cache-mock-api)"))
        .create(settings, store);
  }
}
