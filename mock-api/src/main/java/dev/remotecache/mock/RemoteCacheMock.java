package dev.remotecache.mock;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import dev.remotecache.client.model.CacheUsageEvent;
import dev.remotecache.client.model.CachingStatus;
import dev.remotecache.mock.coverage.ContractCoverage;
import dev.remotecache.mock.internal.engine.MockEngine;
import dev.remotecache.mock.internal.engine.MockEngines;
import dev.remotecache.mock.journal.EventBatch;
import dev.remotecache.mock.journal.MockJournal;
import dev.remotecache.mock.journal.Rejection;
import dev.remotecache.mock.journal.ServerDeviation;
import dev.remotecache.mock.overrides.FaultRule;
import dev.remotecache.mock.overrides.ForcedResponse;
import dev.remotecache.mock.store.ArtifactStore;
import dev.remotecache.mock.store.StoredArtifact;
import dev.remotecache.mock.verify.MockVerification;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A mock Remote Cache server that checks every request against the OpenAPI document.
 *
 * <pre>{@code
 * try (RemoteCacheMock mock = RemoteCacheMock.builder().port(0).build().start()) {
 *     String baseUrl = mock.baseUrl();          // point the tool under test here
 *     ...
 *     mock.events();                            // what it recorded
 *     mock.rejections();                        // what it refused, and why
 * }
 * }</pre>
 *
 * <p>On Java 21+ the server runs in this JVM. On Java 17 to 20 it runs in a JVM 21+ of its own
 * (found as {@code java -jar} finds one: {@code REMOTE_CACHE_MOCK_JAVA}, {@code JAVA_HOME}, the
 * usual install folders), with the same API; only {@link Builder#store} and {@link #store()}, which
 * hand a store object across, need the server in this JVM. {@link Builder#outOfProcess} chooses.
 */
public final class RemoteCacheMock implements AutoCloseable {

  private final MockSettings settings;
  private final MockEngine engine;

  private RemoteCacheMock(MockSettings settings, ArtifactStore store, Boolean outOfProcess) {
    this.settings = settings;
    this.engine = MockEngines.create(settings, store, outOfProcess);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Starts listening, once the spec is loaded; returns this, for chaining. */
  public RemoteCacheMock start() {
    engine.start();
    return this;
  }

  /**
   * Stops listening, after letting requests being served finish (up to {@link
   * MockSettings#STOP_GRACE}); recorded data stays readable. With {@link Builder#reportOnExit},
   * then writes the check's reports.
   */
  public void stop() {
    engine.stop();
  }

  /**
   * Returns once the started mock has stopped: by {@link #stop()} from another thread, or by {@code
   * POST /__admin/shutdown}, which stops the server (and writes the {@link Builder#reportOnExit
   * reports}) but never ends this JVM.
   */
  public void awaitStop() throws InterruptedException {
    engine.awaitStop();
  }

  @Override
  public void close() {
    stop();
  }

  public boolean isRunning() {
    return engine.isRunning();
  }

  public int port() {
    return engine.port();
  }

  /** {@code http://127.0.0.1:PORT}: the base URL to give the tool under test. */
  public String baseUrl() {
    return settings.baseUrl(port());
  }

  public MockJournal journal() {
    return engine.journal();
  }

  /** Every accepted event, in arrival order. */
  public List<CacheUsageEvent> events() {
    return engine.journal().events();
  }

  /** Every accepted batch, with its team and client headers. */
  public List<EventBatch> batches() {
    return engine.journal().batches();
  }

  /** Every rejected request, with its violations. */
  public List<Rejection> rejections() {
    return engine.journal().rejections();
  }

  /** Assertions on what was received: {@code mock.verify().events().session(id).hasCount(3)}. */
  public MockVerification verify() {
    return new MockVerification(engine::journal);
  }

  /**
   * Answers requests of an operation with a response the spec documents for it, for example {@code
   * ForcedResponse.of("uploadArtifact", 403).times(1)}. An undocumented status or example is
   * refused with {@link IllegalArgumentException}.
   */
  public void forceResponse(ForcedResponse response) {
    engine.forceResponse(response);
  }

  /**
   * Makes the server misbehave for an operation: {@code FaultRule.serverError("downloadArtifact",
   * 503).times(2)}.
   */
  public void injectFault(FaultRule fault) {
    engine.injectFault(fault);
  }

  /** Removes every forced response and fault. */
  public void clearOverrides() {
    engine.clearOverrides();
  }

  /**
   * Which parts of the contract the requests so far exercised, per operation: calls, answers met
   * and never met, constraints broken, forced answers and faults; {@code coverage().unmet("*:4xx")}
   * says what a run missed. Forgotten with the journal.
   */
  public ContractCoverage coverage() {
    return engine.coverage();
  }

  /** Behind {@code proxyTo}: the real server's answers that broke the spec. */
  public List<ServerDeviation> deviations() {
    return engine.journal().deviations();
  }

  /** Every stored artifact (without its bytes), across teams. */
  public List<StoredArtifact> artifacts() {
    return engine.artifacts();
  }

  /**
   * The artifact store, for reading or seeding artifacts directly. Only with the server in this JVM
   * (Java 21+): otherwise {@link UnsupportedOperationException}.
   */
  public ArtifactStore store() {
    return engine.store();
  }

  /** Sets what {@code GET /v8/artifacts/status} answers from now on. */
  public void setStatus(CachingStatus status) {
    engine.setStatus(status);
  }

  /**
   * Forgets what was received, empties an in-memory store, answers {@code enabled} again and drops
   * forced responses, faults and the stubs registered since the start; the server keeps running. A
   * storage directory is left as it is (it is meant to outlive runs).
   */
  public void reset() {
    engine.reset();
  }

  /**
   * Answers the requests a WireMock stub matches with its answer, once the request has met the
   * contract (a broken request is still refused, whatever stubs exist), before the mock's own
   * operations: {@code mock.stubFor(get(urlPathEqualTo("/v8/artifacts/status")).willReturn(...))}.
   * The stub is held to the spec first: an answer the spec does not allow for the operation it
   * matches, or a stub matching no operation, is refused with {@link StubRefused} naming each
   * violation. An answer made when served (response templating) is checked when served: one that
   * breaks the spec is answered 500 and recorded as a deviation. {@link #reset()} drops the stubs
   * (those of {@link Builder#mappings} stay).
   *
   * @return the stub as registered, with its id
   */
  public StubMapping stubFor(MappingBuilder stub) {
    String registered = engine.addStub(StubMapping.buildJsonStringFor(stub.build()));
    return StubMapping.buildFrom(registered);
  }

  /**
   * Settings of a mock; every one has a working default. Each method sets one {@link MockSettings}
   * setting, held to its rule at once ({@link MockSettings.InvalidSetting}); {@link #with} sets any
   * of them, those without a method of their own too.
   */
  public static final class Builder {
    private MockSettings settings = MockSettings.defaults();
    private ArtifactStore store;
    private Boolean outOfProcess;

    private Builder() {}

    /** Sets one setting: {@code with(MockSettings.PORT, 0)} is {@code port(0)}. */
    public <T> Builder with(MockSettings.Setting<T> setting, T value) {
      settings = settings.with(setting, value);
      return this;
    }

    /** Takes every setting of {@code chosen}, in place of those set so far. */
    public Builder with(MockSettings chosen) {
      settings = Objects.requireNonNull(chosen);
      return this;
    }

    /**
     * When the mock stops, write the check's reports into this directory: {@code
     * remote-cache-check.xml} (JUnit XML), {@code .json} and {@code .md}, whose verdict fails on
     * any rejected request or server deviation.
     */
    public Builder reportOnExit(Path directory) {
      return with(MockSettings.REPORT_ON_EXIT, directory);
    }

    /**
     * Serve the stubs of this folder, in WireMock's layout: {@code mappings/*.json} (stub mappings)
     * and {@code __files/} (their {@code bodyFileName}s). Each is held to the spec when loaded: a
     * stub whose answer the spec does not allow fails {@link #start()} with {@link StubRefused}.
     */
    public Builder mappings(Path directory) {
      return with(MockSettings.MAPPINGS, directory);
    }

    /**
     * {@code true}: run the server in a JVM 21+ of its own, driven over its admin API (what Java 17
     * to 20 always do); {@code false}: in this JVM (Java 21+ only). Unset: in this JVM on 21+,
     * unless the system property {@code remotecache.mock.outOfProcess=true} is set.
     */
    public Builder outOfProcess(boolean separateJvm) {
      this.outOfProcess = separateJvm;
      return this;
    }

    /**
     * Validating proxy: forward every request that meets the contract to this real server, answer
     * with what it says, and journal where its answers break the spec ({@code mock.deviations()}).
     */
    public Builder proxyTo(URI server) {
      return with(MockSettings.PROXY_TO, server);
    }

    /**
     * With {@link #proxyTo}, record every exchange into this directory (created if needed; one
     * holding a recording is refused): WireMock stub mappings in {@code mappings/} with artifact
     * bytes in {@code __files/}, to play back, and {@code corpus.jsonl}, to replay against any
     * server ({@code remote-cache-mock replay}). Bearer tokens are never written.
     */
    public Builder recordTo(Path directory) {
      return with(MockSettings.RECORD_TO, directory);
    }

    /** With {@link #recordTo}, replace the teams requests name with pseudonyms (team-1, ...). */
    public Builder recordRedactTeams(boolean redact) {
      return with(MockSettings.RECORD_REDACT_TEAMS, redact);
    }

    /**
     * With {@link #proxyTo}, forward requests that break the contract too (they are still
     * journaled).
     */
    public Builder forwardInvalid(boolean forward) {
      return with(MockSettings.FORWARD_INVALID, forward);
    }

    /** Colour the request log for a terminal (green accepted, red rejected). Off by default. */
    public Builder colourLog(boolean colour) {
      return with(MockSettings.COLOUR_LOG, colour);
    }

    /** The largest request body accepted (bytes); a larger one gets 413. 100 MiB by default. */
    public Builder maxBodySize(long bytes) {
      return with(MockSettings.MAX_BODY_SIZE, bytes);
    }

    /**
     * How long a connection may stay silent (a stalled client) before it is closed. 30 s by
     * default.
     */
    public Builder idleTimeout(Duration timeout) {
      return with(MockSettings.IDLE_TIMEOUT, timeout);
    }

    /**
     * How many events, and how many rejections, the journal keeps; the oldest go first, counted. By
     * default as many as three tenths of the server's heap hold, at most 100 000 ({@link
     * MemoryBudget#journalLimit()}).
     */
    public Builder journalLimit(int limit) {
      return with(MockSettings.JOURNAL_LIMIT, limit);
    }

    /**
     * How many violations one answer, and one rejection in the journal, names at most: the first
     * ones, with the count of all. 100 by default.
     */
    public Builder maxViolations(int max) {
      return with(MockSettings.MAX_VIOLATIONS, max);
    }

    /** Require this token ({@code Authorization: Bearer ...}) on the admin API. */
    public Builder adminToken(String token) {
      return with(MockSettings.ADMIN_TOKEN, token);
    }

    /**
     * Keep artifacts in this store instead (one of your own, say, to test how a tool copes with a
     * store that fails); {@link #storage} is then not used. Needs the server in this JVM (Java
     * 21+): {@link #build} refuses it otherwise.
     */
    public Builder store(ArtifactStore artifactStore) {
      this.store = Objects.requireNonNull(artifactStore);
      return this;
    }

    /**
     * Keep artifacts in this directory (created if needed), so they survive a restart; in memory by
     * default.
     */
    public Builder storage(Path directory) {
      return with(MockSettings.STORAGE, directory);
    }

    /** What {@code GET /v8/artifacts/status} answers at start; {@code enabled} by default. */
    public Builder status(CachingStatus status) {
      return with(MockSettings.STATUS, status);
    }

    /** The address to bind; {@code 127.0.0.1} by default. */
    public Builder host(String host) {
      return with(MockSettings.HOST, host);
    }

    /** The port; 0 picks a free one. {@code 7878} by default. */
    public Builder port(int port) {
      return with(MockSettings.PORT, port);
    }

    /** Accept only these bearer tokens (by default any well-formed token is accepted). */
    public Builder tokens(List<String> tokens) {
      List<String> all = new ArrayList<>(settings.get(MockSettings.TOKENS));
      all.addAll(tokens);
      return with(MockSettings.TOKENS, all);
    }

    public Builder token(String token) {
      return tokens(List.of(token));
    }

    /** Where the one-line-per-request log goes ({@code null}: nowhere, the default). */
    public Builder requestLog(Consumer<String> requestLog) {
      return with(MockSettings.REQUEST_LOG, requestLog);
    }

    /**
     * The mock these settings describe.
     *
     * @throws MockSettings.InvalidSetting when a setting needs another one that is not set ({@code
     *     recordTo} needs {@code proxyTo})
     */
    public RemoteCacheMock build() {
      return new RemoteCacheMock(settings.checkedTogether(), store, outOfProcess);
    }
  }
}
