package dev.remotecache.mock.internal.engine;

import dev.remotecache.mock.MockSettings;
import dev.remotecache.mock.store.ArtifactStore;
import java.lang.reflect.InvocationTargetException;

/**
 * Picks the engine a mock runs on: in this JVM when it is Java 21+ (the validator needs 21), in a
 * JVM of its own otherwise, or when asked ({@code Builder.outOfProcess(true)}, or {@value
 * #OUT_OF_PROCESS_PROPERTY}{@code =true} for every mock of a test run).
 *
 * <p>The in-process engine is named, never referenced: this class runs on Java 17, and a reference
 * to a Java 21 class file could make the JVM's verifier load it.
 */
public final class MockEngines {

  public static final String OUT_OF_PROCESS_PROPERTY = "remotecache.mock.outOfProcess";

  static final int IN_PROCESS_FEATURE = 21;
  private static final String IN_PROCESS_ENGINE =
      "dev.remotecache.mock.internal.inprocess.InProcessEngine";

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
    try {
      return (MockEngine)
          Class.forName(IN_PROCESS_ENGINE)
              .getConstructor(MockSettings.class, ArtifactStore.class)
              .newInstance(settings, store);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("the mock's jar is incomplete: " + IN_PROCESS_ENGINE, e);
    }
  }
}
