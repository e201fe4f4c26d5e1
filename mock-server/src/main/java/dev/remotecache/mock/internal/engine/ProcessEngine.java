package dev.remotecache.mock.internal.engine;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.remotecache.client.model.CachingStatus;
import dev.remotecache.mock.MockSettings;
import dev.remotecache.mock.coverage.ContractCoverage;
import dev.remotecache.mock.journal.EventBatch;
import dev.remotecache.mock.journal.MockJournal;
import dev.remotecache.mock.journal.Rejection;
import dev.remotecache.mock.journal.RequestRecord;
import dev.remotecache.mock.journal.ServerDeviation;
import dev.remotecache.mock.overrides.FaultRule;
import dev.remotecache.mock.overrides.ForcedResponse;
import dev.remotecache.mock.store.ArtifactStore;
import dev.remotecache.mock.store.StoredArtifact;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;

/**
 * The mock's server in a JVM of its own ({@link ServerProcess}), driven over its admin API ({@link
 * AdminClient}): what runs a Java 17 test's mock. The builder's settings become the command line's
 * options; what the admin API answers is read back into the same Java types the in-process engine
 * hands out.
 *
 * <p>What cannot cross the process boundary: a store object ({@code Builder.store}, {@code
 * store()}: refused, saying so); {@code colourLog} (the child is no terminal: plain lines). {@code
 * requestLog} gets the server's request lines. After {@link #stop}, the journal and the artifacts
 * read as they were when it was asked to stop.
 */
final class ProcessEngine implements MockEngine {

  private static final TypeReference<List<StoredArtifact>> ARTIFACTS = new TypeReference<>() {};

  private final MockSettings settings;
  private ServerProcess process;
  private AdminClient admin;
  private MockJournal lastJournal;
  private List<StoredArtifact> lastArtifacts = List.of();
  private ContractCoverage lastCoverage;

  ProcessEngine(MockSettings settings) {
    this.settings = settings;
    this.lastJournal = new MockJournal(limitUntilRead());
  }

  @Override
  public synchronized void start() {
    if (isRunning()) {
      return;
    }
    process = ServerProcess.start(ServerArguments.of(settings), settings.requestLog());
    admin = new AdminClient(adminAddress(process.baseUrl()), settings.adminToken());
  }

  /** The server's base URL, or this machine's loopback when it listens on every address. */
  private static URI adminAddress(URI baseUrl) {
    try {
      if (InetAddress.getByName(baseUrl.getHost()).isAnyLocalAddress()) {
        return URI.create("http://127.0.0.1:" + baseUrl.getPort());
      }
    } catch (UnknownHostException e) {
      // not a literal address: use it as it is
    }
    return baseUrl;
  }

  @Override
  public synchronized void stop() {
    if (!isRunning()) {
      return;
    }
    try {
      lastJournal = readJournal();
      lastArtifacts = readArtifacts();
      lastCoverage = readCoverage();
    } catch (RuntimeException unreadable) {
      // stopping matters more than the last copy; the one before stays
    }
    process.stop(MockSettings.STOP_GRACE);
  }

  @Override
  public void awaitStop() throws InterruptedException {
    ServerProcess started;
    synchronized (this) {
      started = process;
    }
    if (started != null) {
      started.awaitExit();
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return process != null && process.isAlive();
  }

  @Override
  public synchronized int port() {
    if (process == null) {
      throw new IllegalStateException("the mock is not started: call start() first");
    }
    return process.baseUrl().getPort();
  }

  @Override
  public MockJournal journal() {
    return isRunning() ? readJournal() : lastJournal;
  }

  /**
   * The journal's limit before the server says its own: the chosen one, or the most a derived one
   * can be (the server derives it from its own heap).
   */
  private int limitUntilRead() {
    return settings.journalLimit() == MockSettings.JOURNAL_LIMIT_FROM_HEAP
        ? MockSettings.DEFAULT_JOURNAL_LIMIT
        : settings.journalLimit();
  }

  private MockJournal readJournal() {
    JsonNode journal = admin.get("/journal");
    return MockJournal.copyOf(
        journal.path("limit").asInt(limitUntilRead()),
        admin.list(journal.path("batches"), EventBatch.class),
        admin.list(journal.path("rejections"), Rejection.class),
        admin.list(admin.get("/requests").path("requests"), RequestRecord.class),
        admin.list(admin.get("/deviations").path("deviations"), ServerDeviation.class),
        journal.path("droppedEvents").asLong(),
        journal.path("droppedRejections").asLong());
  }

  @Override
  public void forceResponse(ForcedResponse response) {
    running();
    admin.send("POST", "/forced-responses", response);
  }

  @Override
  public void injectFault(FaultRule fault) {
    running();
    admin.send("POST", "/faults", fault);
  }

  @Override
  public void clearOverrides() {
    running();
    admin.send("DELETE", "/forced-responses", null);
    admin.send("DELETE", "/faults", null);
  }

  @Override
  public String addStub(String mappingJson) {
    running();
    return admin.registerStub(mappingJson);
  }

  @Override
  public ContractCoverage coverage() {
    if (isRunning()) {
      return readCoverage();
    }
    if (lastCoverage == null) {
      throw new IllegalStateException("the mock is not started: call start() first");
    }
    return lastCoverage;
  }

  private ContractCoverage readCoverage() {
    return admin.read(admin.get("/coverage"), new TypeReference<ContractCoverage>() {});
  }

  @Override
  public List<StoredArtifact> artifacts() {
    return isRunning() ? readArtifacts() : lastArtifacts;
  }

  private List<StoredArtifact> readArtifacts() {
    return admin.get("/artifacts", "artifacts", ARTIFACTS);
  }

  @Override
  public ArtifactStore store() {
    throw new UnsupportedOperationException(
        "store() hands out the store object, which lives in the mock server's own JVM here (the"
            + " tests run on Java "
            + Runtime.version().feature()
            + " or with outOfProcess): read artifacts with artifacts(), or over the API with a"
            + " client; on Java 21+ the server runs in the test's JVM and store() works");
  }

  @Override
  public void setStatus(CachingStatus status) {
    running();
    admin.send("PUT", "/status", Map.of("status", status));
  }

  /** As in process: an in-memory store is emptied, a storage directory is left as it is. */
  @Override
  public void reset() {
    running();
    admin.send("DELETE", "/journal", null);
    if (settings.storage() == null) {
      admin.send("DELETE", "/artifacts", null);
    }
    setStatus(CachingStatus.ENABLED);
    clearOverrides();
    admin.resetStubs();
  }

  private synchronized ServerProcess running() {
    if (!isRunning()) {
      throw new IllegalStateException(
          process == null
              ? "the mock is not started: call start() first"
              : "the mock's server has stopped");
    }
    return process;
  }
}
