package dev.remotecache.mock.internal.inprocess;

import dev.remotecache.mock.MockSettings;
import dev.remotecache.mock.internal.engine.InProcessEngineFactory;
import dev.remotecache.mock.internal.engine.MockEngine;
import dev.remotecache.mock.store.ArtifactStore;

/** The server in this JVM, as the Java 17 facade finds it (META-INF/services). */
public final class InProcessEngines implements InProcessEngineFactory {

  @Override
  public MockEngine create(MockSettings settings, ArtifactStore store) {
    return new InProcessEngine(settings, store);
  }
}
