package dev.remotecache.mock.internal.inprocess;

import dev.remotecache.client.model.CachingStatus;
import dev.remotecache.contract.core.ApiContract;
import dev.remotecache.mock.MemoryBudget;
import dev.remotecache.mock.MockSettings;
import dev.remotecache.mock.coverage.ContractCoverage;
import dev.remotecache.mock.internal.admin.AdminApi;
import dev.remotecache.mock.internal.admin.OverridesAdmin;
import dev.remotecache.mock.internal.check.CheckInput;
import dev.remotecache.mock.internal.check.ExitReports;
import dev.remotecache.mock.internal.contract.AnswerCheck;
import dev.remotecache.mock.internal.contract.BearerTokens;
import dev.remotecache.mock.internal.contract.BodySizeLimit;
import dev.remotecache.mock.internal.contract.ContractCheck;
import dev.remotecache.mock.internal.engine.MockEngine;
import dev.remotecache.mock.internal.http.MockJson;
import dev.remotecache.mock.internal.operations.DocumentedAnswers;
import dev.remotecache.mock.internal.operations.OperationDispatcher;
import dev.remotecache.mock.internal.operations.StatefulArtifactsApi;
import dev.remotecache.mock.internal.pipeline.AcceptedAnswers;
import dev.remotecache.mock.internal.pipeline.ProxyAnswers;
import dev.remotecache.mock.internal.pipeline.RequestLine;
import dev.remotecache.mock.internal.pipeline.RequestPipeline;
import dev.remotecache.mock.internal.pipeline.RequestRecorder;
import dev.remotecache.mock.internal.pipeline.StubAnswers;
import dev.remotecache.mock.internal.proxy.ValidatingProxy;
import dev.remotecache.mock.internal.record.ExchangeRecorder;
import dev.remotecache.mock.internal.record.Redaction;
import dev.remotecache.mock.internal.server.wiremock.MockWireMockServer;
import dev.remotecache.mock.internal.server.wiremock.RecordedMappings;
import dev.remotecache.mock.internal.server.wiremock.WireMockStubs;
import dev.remotecache.mock.internal.stub.ArtifactsApi;
import dev.remotecache.mock.internal.tally.CoverageTally;
import dev.remotecache.mock.internal.workbench.ResponseOverrides;
import dev.remotecache.mock.journal.MockJournal;
import dev.remotecache.mock.overrides.FaultRule;
import dev.remotecache.mock.overrides.ForcedResponse;
import dev.remotecache.mock.store.ArtifactStore;
import dev.remotecache.mock.store.DirectoryArtifactStore;
import dev.remotecache.mock.store.InMemoryArtifactStore;
import dev.remotecache.mock.store.StoredArtifact;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The mock's server in this JVM (Java 21+): the pipeline, the admin API and WireMock's Jetty,
 * assembled from the settings. The Java 17 facade finds it through {@link InProcessEngines}.
 */
public final class InProcessEngine implements MockEngine {

  private final ApiContract contract;
  private final MockSettings settings;
  private final MockJournal journal;
  private final CoverageTally coverage;
  private final ArtifactStore store;
  private final StatefulArtifactsApi api;
  private final OverridesAdmin overrides;
  private final MockWireMockServer server;
  private final RequestPipeline pipeline;
  private volatile CountDownLatch stopped = new CountDownLatch(1);

  /**
   * @param store a store of the caller's, or {@code null} for the one the settings describe
   */
  public InProcessEngine(MockSettings settings, ArtifactStore store) {
    this.settings = settings;
    MemoryBudget budget = MemoryBudget.ofThisJvm();
    this.store =
        store != null
            ? store
            : settings.storage() == null
                ? new InMemoryArtifactStore(budget.storeBytes())
                : new DirectoryArtifactStore(settings.storage(), MockJson.mapper());
    // The spec is parsed while the HTTP server is built: the two are most of the start-up time.
    this.contract = ApiContract.loadInBackground();
    this.coverage = new CoverageTally(contract);
    WireMockStubs stubs = new WireMockStubs();
    this.journal =
        new MockJournal(
            budget.journalLimit(settings.journalLimit()),
            () -> {
              coverage.reset();
              stubs.forgetRequests();
            });
    Clock clock = Clock.systemUTC();
    ContractCheck check =
        new ContractCheck(
            contract,
            BearerTokens.only(settings.tokens()),
            MockJson.mapper(),
            settings.maxViolations());
    this.api = new StatefulArtifactsApi(this.store, journal, clock, settings.status());
    DocumentedAnswers documented = new DocumentedAnswers(MockJson.mapper());
    ResponseOverrides rules = new ResponseOverrides();
    this.overrides = new OverridesAdmin(contract, documented, rules);
    AcceptedAnswers accepted = new AcceptedAnswers(documented, rules);
    ProxyAnswers proxy =
        settings.proxyTarget() == null
            ? null
            : new ProxyAnswers(
                new ValidatingProxy(
                    settings.proxyTarget(),
                    contract,
                    Duration.ofSeconds(10),
                    settings.maxViolations()),
                settings.forwardInvalid(),
                journal,
                clock,
                recorder(settings, contract, clock));
    RequestRecorder recorder =
        new RequestRecorder(
            journal, coverage, new RequestLine(settings.colourLog()), settings.requestLog(), clock);
    this.pipeline =
        new RequestPipeline(
            check,
            new OperationDispatcher(ArtifactsApi.class, api::serving, MockJson.mapper()),
            new BodySizeLimit(settings.maxBodyBytes()),
            budget.jsonBodyBytes(),
            accepted,
            proxy,
            new StubAnswers(
                stubs, new AnswerCheck(contract, settings.maxViolations()), journal, clock),
            recorder);
    this.server =
        new MockWireMockServer(
            settings,
            pipeline,
            new AdminApi(
                    journal,
                    this.store,
                    api,
                    overrides,
                    MockJson.mapper(),
                    ApiContract.loadAdminInBackground(),
                    settings.maxViolations())
                .withCoverage(coverage::snapshot),
            stubs,
            contract,
            this::stopOnRequest);
  }

  /** {@code --record}: the recorder of the proxy's exchanges, or {@code null}. */
  private static ExchangeRecorder recorder(
      MockSettings settings, ApiContract contract, Clock clock) {
    if (settings.recordTo() == null) {
      return null;
    }
    try {
      return new ExchangeRecorder(
          settings.recordTo(),
          new Redaction(
              Redaction.teamParameters(contract.awaitLoaded()), settings.recordRedactTeams()),
          new RecordedMappings(settings.recordTo()),
          MockJson.mapper(),
          clock);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(
          "cannot record into " + settings.recordTo() + ": " + e.getMessage(), e);
    }
  }

  /**
   * {@code POST /__admin/shutdown}: stops the server, as {@link #stop} does, on a thread of its own
   * (the request asking for it is one the server would wait for). This JVM goes on: the command
   * line's server exits once the mock has stopped ({@link #awaitStop}), a test's JVM does not.
   */
  private void stopOnRequest() {
    Thread stopping = new Thread(this::stop, "remote-cache-mock-admin-shutdown");
    stopping.start();
  }

  @Override
  public synchronized void start() {
    if (stopped.getCount() == 0) {
      stopped = new CountDownLatch(1);
    }
    server.start();
    try {
      contract.awaitLoaded();
      pipeline.operations(); // every operation of the spec has its handler, or the start fails
    } catch (RuntimeException e) {
      server.stop(Duration.ZERO);
      throw e;
    }
  }

  /** Then, with {@code reportOnExit}, writes the check's reports of what it served. */
  @Override
  public synchronized void stop() {
    try {
      boolean wasRunning = server.isRunning();
      String target = wasRunning ? settings.baseUrl(server.port()) : null;
      server.stop(MockSettings.STOP_GRACE);
      if (wasRunning && settings.reportOnExit() != null) {
        ExitReports.write(
            new CheckInput(
                journal.rejections(),
                journal.deviations(),
                journal.events(),
                coverage(),
                journal.droppedRejections(),
                journal.droppedEvents()),
            target,
            settings.reportOnExit(),
            settings.requestLog());
      }
    } finally {
      stopped.countDown();
    }
  }

  @Override
  public void awaitStop() throws InterruptedException {
    stopped.await();
  }

  @Override
  public ContractCoverage coverage() {
    return coverage.snapshot();
  }

  @Override
  public boolean isRunning() {
    return server.isRunning();
  }

  @Override
  public int port() {
    return server.port();
  }

  @Override
  public MockJournal journal() {
    return journal;
  }

  @Override
  public void forceResponse(ForcedResponse response) {
    overrides.force(response);
  }

  @Override
  public void injectFault(FaultRule fault) {
    overrides.inject(fault);
  }

  @Override
  public void clearOverrides() {
    overrides.overrides().clear();
  }

  @Override
  public String addStub(String mappingJson) {
    return server.addStub(mappingJson);
  }

  @Override
  public List<StoredArtifact> artifacts() {
    return store.list();
  }

  @Override
  public ArtifactStore store() {
    return store;
  }

  @Override
  public void setStatus(CachingStatus status) {
    api.setStatus(status);
  }

  @Override
  public void reset() {
    journal.reset();
    if (store instanceof InMemoryArtifactStore) {
      store.clear();
    }
    api.setStatus(CachingStatus.ENABLED);
    clearOverrides();
    server.resetStubs();
  }
}
