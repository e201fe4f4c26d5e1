package dev.remotecache.mock.internal.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.remotecache.admin.client.AdminClients;
import dev.remotecache.admin.client.api.AdminApi;
import dev.remotecache.admin.client.invoker.ApiClient;
import dev.remotecache.admin.client.invoker.ApiException;
import dev.remotecache.admin.client.model.ErrorDetail;
import dev.remotecache.admin.client.model.ErrorResponse;
import dev.remotecache.admin.client.model.Journal;
import dev.remotecache.admin.client.model.StatusSetting;
import dev.remotecache.admin.client.model.Violation;
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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The mock's server in a JVM of its own ({@link ServerProcess}), driven over its admin API with the
 * client generated from its document ({@code remote-cache-admin-client}): what runs a Java 17
 * test's mock. The builder's settings reach it as one JSON document ({@link MockSettings#toJson});
 * what the admin API answers is read back into the same Java types the in-process engine hands out.
 *
 * <p>What cannot cross the process boundary: a store object ({@code Builder.store}, {@code
 * store()}: refused, saying so). {@code requestLog} gets the server's request lines, which it
 * writes to its stdout. After {@link #stop}, the journal and the artifacts read as they were when
 * it was asked to stop.
 */
final class ProcessEngine implements MockEngine {

  private final MockSettings settings;
  private ServerProcess process;
  private AdminApi admin;
  private WireMockStubRoutes stubs;
  private ObjectMapper models;
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
    process = ServerProcess.start(settings.toJson(), settings.requestLog());
    ApiClient client = AdminClients.forMock(adminAddress(process.baseUrl()), settings.adminToken());
    admin = new AdminApi(client);
    stubs = new WireMockStubRoutes(client, adminAddress(process.baseUrl()));
    models = client.getObjectMapper();
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
    Journal journal = call(admin::getJournal);
    return MockJournal.copyOf(
        journal.getLimit(),
        as(journal.getBatches(), EventBatch.class),
        as(journal.getRejections(), Rejection.class),
        as(call(() -> admin.getRequests(null)).getRequests(), RequestRecord.class),
        as(call(admin::getDeviations).getDeviations(), ServerDeviation.class),
        journal.getDroppedEvents(),
        journal.getDroppedRejections());
  }

  @Override
  public void forceResponse(ForcedResponse response) {
    running();
    call(
        () ->
            admin.forceResponse(
                models.convertValue(
                    response, dev.remotecache.admin.client.model.ForcedResponse.class)));
  }

  @Override
  public void injectFault(FaultRule fault) {
    running();
    call(
        () ->
            admin.injectFault(
                models.convertValue(fault, dev.remotecache.admin.client.model.FaultRule.class)));
  }

  @Override
  public void clearOverrides() {
    running();
    call(admin::clearForcedResponses);
    call(admin::clearFaults);
  }

  @Override
  public String addStub(String mappingJson) {
    running();
    return stubs.register(mappingJson);
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
    return models.convertValue(call(admin::getCoverage), ContractCoverage.class);
  }

  @Override
  public List<StoredArtifact> artifacts() {
    return isRunning() ? readArtifacts() : lastArtifacts;
  }

  private List<StoredArtifact> readArtifacts() {
    return as(call(admin::listArtifacts).getArtifacts(), StoredArtifact.class);
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
    call(
        () ->
            admin.setStatus(
                new StatusSetting()
                    .status(
                        dev.remotecache.admin.client.model.CachingStatus.fromValue(
                            status.getValue()))));
  }

  /** As in process: an in-memory store is emptied, a storage directory is left as it is. */
  @Override
  public void reset() {
    running();
    call(admin::resetJournal);
    if (settings.storage() == null) {
      call(admin::clearArtifacts);
    }
    setStatus(CachingStatus.ENABLED);
    clearOverrides();
    stubs.reset();
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

  /** A call of the admin API's generated client. */
  private interface AdminCall<T> {
    T send() throws ApiException;
  }

  /**
   * Makes an admin call: a {@code 400} is the server refusing what was sent ({@link
   * IllegalArgumentException} with its message, as in process); no answer is an {@link
   * UncheckedIOException}; any other status a broken server.
   */
  private <T> T call(AdminCall<T> call) {
    try {
      return call.send();
    } catch (ApiException e) {
      if (e.getCode() == 0) {
        throw new UncheckedIOException(
            "the mock's server (another JVM) did not answer",
            e.getCause() instanceof IOException io ? io : new IOException(e));
      }
      String message = errorMessage(e);
      if (e.getCode() == 400) {
        throw new IllegalArgumentException(message, e);
      }
      throw new IllegalStateException(
          "the mock's server answered " + e.getCode() + ": " + message, e);
    }
  }

  /**
   * What an error answer in the API's shape says: its violations' messages when it names some (the
   * in-process engine's message for a refused override), else its message; else the body as it is.
   */
  private String errorMessage(ApiException e) {
    try {
      ErrorDetail error = models.readValue(e.getResponseBody(), ErrorResponse.class).getError();
      return error.getViolations() == null || error.getViolations().isEmpty()
          ? error.getMessage()
          : error.getViolations().stream()
              .map(Violation::getMessage)
              .collect(Collectors.joining("; "));
    } catch (IOException | RuntimeException notTheErrorShape) {
      return e.getResponseBody();
    }
  }

  /** The generated client's models as the mock's own types (the same JSON). */
  private <T> List<T> as(List<?> models, Class<T> type) {
    return this.models.convertValue(
        models, this.models.getTypeFactory().constructCollectionType(List.class, type));
  }
}
