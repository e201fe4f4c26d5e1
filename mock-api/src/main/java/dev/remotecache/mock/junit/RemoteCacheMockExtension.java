package dev.remotecache.mock.junit;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import dev.remotecache.client.model.CacheUsageEvent;
import dev.remotecache.client.model.CachingStatus;
import dev.remotecache.mock.RemoteCacheMock;
import dev.remotecache.mock.coverage.ContractCoverage;
import dev.remotecache.mock.journal.EventBatch;
import dev.remotecache.mock.journal.MockJournal;
import dev.remotecache.mock.journal.Rejection;
import dev.remotecache.mock.journal.ServerDeviation;
import dev.remotecache.mock.overrides.FaultRule;
import dev.remotecache.mock.overrides.ForcedResponse;
import dev.remotecache.mock.store.ArtifactStore;
import dev.remotecache.mock.store.StoredArtifact;
import dev.remotecache.mock.verify.MockVerification;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Runs a {@link RemoteCacheMock} on a free port for a test class, and resets it before each test
 * (journal, in-memory artifacts, status).
 *
 * <pre>{@code
 * @RegisterExtension
 * static RemoteCacheMockExtension mock = new RemoteCacheMockExtension();
 *
 * @Test
 * void recordsMyToolsEvents() {
 *     myTool.run(mock.baseUrl(), "any-token");
 *     assertEquals(3, mock.events().size());
 *     assertTrue(mock.rejections().isEmpty(), () -> "rejected: " + mock.rejections());
 * }
 * }</pre>
 *
 * <p>Also works as {@code @ExtendWith(RemoteCacheMockExtension.class)} with a {@link
 * RemoteCacheMock} test or lifecycle method parameter. A non-static field gets a mock per test.
 */
public final class RemoteCacheMockExtension
    implements BeforeAllCallback,
        AfterAllCallback,
        BeforeEachCallback,
        AfterEachCallback,
        ParameterResolver {

  private final UnaryOperator<RemoteCacheMock.Builder> settings;
  private RemoteCacheMock mock;
  private boolean perClass;

  /** A mock with default settings: any bearer token accepted, quiet. */
  public RemoteCacheMockExtension() {
    this(UnaryOperator.identity());
  }

  /**
   * A mock with settings of your own, for example {@code b -> b.token("secret")}. The port is
   * always a free one.
   */
  public RemoteCacheMockExtension(UnaryOperator<RemoteCacheMock.Builder> settings) {
    this.settings = settings;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    perClass = true;
    start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    stop();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (mock == null || !mock.isRunning()) {
      start();
    }
    mock.reset();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (!perClass) {
      stop();
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == RemoteCacheMock.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    if (mock == null || !mock.isRunning()) {
      start();
    }
    return mock;
  }

  /** The running mock. */
  public RemoteCacheMock mock() {
    if (mock == null) {
      throw new IllegalStateException(
          "The mock is not running: register the extension with @RegisterExtension"
              + " on a static field, or use it inside a test");
    }
    return mock;
  }

  /** {@code http://127.0.0.1:PORT}. */
  public String baseUrl() {
    return mock().baseUrl();
  }

  public List<CacheUsageEvent> events() {
    return mock().events();
  }

  public List<EventBatch> batches() {
    return mock().batches();
  }

  public List<Rejection> rejections() {
    return mock().rejections();
  }

  /** Assertions on what was received: {@code mock.verify().noRejections()}. */
  public MockVerification verify() {
    return mock().verify();
  }

  /** Answers requests of an operation with a documented response until the next test. */
  public void forceResponse(ForcedResponse response) {
    mock().forceResponse(response);
  }

  /** Makes the server misbehave for an operation until the next test. */
  public void injectFault(FaultRule fault) {
    mock().injectFault(fault);
  }

  /** Stored artifacts, without their bytes. */
  public List<StoredArtifact> artifacts() {
    return mock().artifacts();
  }

  /** What {@code GET /v8/artifacts/status} answers until the next test. */
  public void setStatus(CachingStatus status) {
    mock().setStatus(status);
  }

  public void reset() {
    mock().reset();
  }

  public int port() {
    return mock().port();
  }

  /** Everything recorded: batches, rejections, requests, server deviations. */
  public MockJournal journal() {
    return mock().journal();
  }

  /**
   * Which parts of the contract the requests so far exercised ({@link RemoteCacheMock#coverage}).
   */
  public ContractCoverage coverage() {
    return mock().coverage();
  }

  /** Behind {@code proxyTo}: the real server's answers that broke the spec. */
  public List<ServerDeviation> deviations() {
    return mock().deviations();
  }

  /**
   * Answers what a WireMock stub matches with its answer, once it is held to the spec ({@link
   * RemoteCacheMock#stubFor}); reset before each test.
   */
  public StubMapping stubFor(MappingBuilder stub) {
    return mock().stubFor(stub);
  }

  /** Removes every forced response and fault. */
  public void clearOverrides() {
    mock().clearOverrides();
  }

  /** The artifact store, for reading or seeding artifacts directly. */
  public ArtifactStore store() {
    return mock().store();
  }

  private void start() {
    mock = settings.apply(RemoteCacheMock.builder()).port(0).build().start();
  }

  private void stop() {
    if (mock != null) {
      mock.stop();
    }
  }
}
