package dev.remotecache.mock.internal.engine;

import dev.remotecache.client.model.CachingStatus;
import dev.remotecache.mock.coverage.ContractCoverage;
import dev.remotecache.mock.journal.MockJournal;
import dev.remotecache.mock.overrides.FaultRule;
import dev.remotecache.mock.overrides.ForcedResponse;
import dev.remotecache.mock.store.ArtifactStore;
import dev.remotecache.mock.store.StoredArtifact;
import java.util.List;

/**
 * What {@code RemoteCacheMock} asks of the server behind it, in this JVM ({@code
 * internal.inprocess.InProcessEngine}, Java 21+) or in a JVM of its own ({@link ProcessEngine}, any
 * Java from 17, over the admin API). Compiled for Java 17, like everything a Java 17 test loads.
 *
 * <p>A new capability of the mock is one method here, one in each engine (a call on the server's
 * objects; a request to its admin route) and one line in the facade.
 */
public interface MockEngine {

  /** Starts the server and returns once it answers. */
  void start();

  /** Stops the server, letting requests in flight finish; what was recorded stays readable. */
  void stop();

  /**
   * Returns once the server has stopped: by {@link #stop}, or by {@code POST /__admin/shutdown}
   * (after which its exit reports are written).
   */
  void awaitStop() throws InterruptedException;

  boolean isRunning();

  int port();

  /** What was received: live in this JVM, a fresh copy from another one at each call. */
  MockJournal journal();

  void forceResponse(ForcedResponse response);

  void injectFault(FaultRule fault);

  void clearOverrides();

  /**
   * Registers a WireMock stub mapping (its JSON) once it is held to the spec.
   *
   * @return the stub as registered, as JSON
   * @throws dev.remotecache.mock.StubRefused when its answer breaks the contract
   */
  String addStub(String mappingJson);

  /** The contract coverage so far: live in this JVM, a fresh copy from another one at each call. */
  ContractCoverage coverage();

  List<StoredArtifact> artifacts();

  /** The store object itself: only in this JVM. */
  ArtifactStore store();

  void setStatus(CachingStatus status);

  /** Journal, in-memory artifacts, status and overrides back to where they started. */
  void reset();
}
