package dev.remotecache.mock.internal.server.wiremock;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.FileSource;
import com.github.tomakehurst.wiremock.common.Json;
import com.github.tomakehurst.wiremock.common.SingleRootFileSource;
import com.github.tomakehurst.wiremock.core.WireMockApp;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.StubImport;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import dev.remotecache.contract.core.ApiContract;
import dev.remotecache.mock.MockSettings;
import dev.remotecache.mock.StubRefused;
import dev.remotecache.mock.internal.admin.AdminApi;
import dev.remotecache.mock.internal.admin.AdminBrowserRules;
import dev.remotecache.mock.internal.contract.ErrorCode;
import dev.remotecache.mock.internal.http.Answer;
import dev.remotecache.mock.internal.pipeline.RequestPipeline;
import dev.remotecache.mock.internal.server.jetty.AdminServletFilter;
import dev.remotecache.mock.internal.server.jetty.ApiServletFilter;
import dev.remotecache.mock.internal.server.jetty.InFlightRequests;
import dev.remotecache.mock.internal.server.jetty.LimitedJettyServer;
import dev.remotecache.mock.internal.server.jetty.MappingGate;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The HTTP server: WireMock's Jetty, with every API request answered by the {@link RequestPipeline}
 * through a servlet filter in front of WireMock's handler, and the admin API (the mock's routes,
 * and WireMock's own) behind the admin door, in front of WireMock's admin.
 */
public final class MockWireMockServer {

  private final WireMockServer server;
  private final InFlightRequests inFlight = new InFlightRequests();
  private final StubContract stubContract;

  /**
   * @param stubs the pipeline's stubs, bound here to this server's WireMock
   * @param shutdown what {@code POST /__admin/shutdown} does once answered; returns at once
   * @throws dev.remotecache.mock.StubRefused when a stub of {@code settings.mappings()} breaks the
   *     contract
   */
  public MockWireMockServer(
      MockSettings settings,
      RequestPipeline pipeline,
      AdminApi admin,
      WireMockStubs stubs,
      ApiContract contract,
      Runnable shutdown) {
    FileSource root =
        new SingleRootFileSource(
            settings.mappings() == null ? DEFAULT_ROOT : settings.mappings().toString());
    this.stubContract =
        new StubContract(contract, settings.maxViolations(), root.child(WireMockApp.FILES_ROOT));
    this.server =
        new WireMockServer(
            configuration(
                    settings,
                    pipeline,
                    admin,
                    inFlight,
                    shutdown,
                    this::refusal,
                    stubs::catchUpJournal)
                .fileSource(root)
                .mappingSource(new MappingsDirectory(settings.mappings(), stubContract))
                .extensions(stubs.factory()));
    stubs.bind();
  }

  /** WireMock's own default root, for {@code bodyFileName} of stubs posted without a folder. */
  private static final String DEFAULT_ROOT = "src/test/resources";

  /**
   * Registers a stub given as WireMock's JSON, once held to the contract.
   *
   * @return the stub as registered (with its id), as JSON
   * @throws dev.remotecache.mock.StubRefused when it breaks the contract
   */
  public String addStub(String json) {
    StubMapping stub = StubMapping.buildFrom(json);
    stubContract.check(stub, "");
    server.addStubMapping(stub);
    return StubMapping.buildJsonStringFor(stub);
  }

  /** Drops the stubs registered since the start; those of the mappings folder stay. */
  public void resetStubs() {
    server.resetToDefaultMappings();
    server.resetScenarios();
  }

  /** The gate of WireMock's admin routes that register stubs ({@link MappingGate}). */
  private Optional<Answer> refusal(String method, String route, byte[] body) {
    if (route.startsWith("/recordings")) {
      ErrorCode code = ErrorCode.NOT_FOUND;
      return Optional.of(
          Answer.error(
              code.status(),
              code.value(),
              "WireMock's recorder is not the mock's: it would keep answers no one checked. The"
                  + " validating proxy records (--proxy URL), holding both sides to the spec."));
    }
    boolean imports = "POST".equals(method) && route.equals("/mappings/import");
    boolean registers =
        imports
            || "POST".equals(method) && route.equals("/mappings")
            || "PUT".equals(method) && route.startsWith("/mappings/") && !route.contains("/reset");
    if (!registers) {
      return Optional.empty();
    }
    List<StubMapping> stubs;
    try {
      String json = new String(body, StandardCharsets.UTF_8);
      stubs =
          imports
              ? Json.read(json, StubImport.class).getMappings()
              : List.of(StubMapping.buildFrom(json));
    } catch (RuntimeException unreadable) {
      return Optional.empty(); // WireMock answers its own refusal of JSON it cannot read
    }
    for (StubMapping stub : stubs) {
      try {
        stubContract.check(stub, "");
      } catch (StubRefused refused) {
        return Optional.of(StubRefusals.answer(refused));
      }
    }
    return Optional.empty();
  }

  public void start() {
    server.start();
  }

  /** Stops listening once the requests being served have finished, or {@code grace} has passed. */
  public void stop(Duration grace) {
    try {
      inFlight.awaitIdle(grace);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    server.stop();
  }

  public boolean isRunning() {
    return server.isRunning();
  }

  public int port() {
    return server.port();
  }

  private static WireMockConfiguration configuration(
      MockSettings settings,
      RequestPipeline pipeline,
      AdminApi admin,
      InFlightRequests inFlight,
      Runnable shutdown,
      MappingGate mappings,
      Runnable catchUpJournal) {
    AdminBrowserRules browserRules =
        new AdminBrowserRules(
            settings.host(), settings.adminToken() != null, settings.requestLog());
    WireMockConfiguration config =
        options()
            .bindAddress(settings.host())
            .port(settings.port())
            .jettyIdleTimeout(settings.idleTimeout().toMillis())
            .jettyHeaderRequestSize(Math.toIntExact(settings.get(MockSettings.MAX_HEADER_SIZE)))
            .jettyStopTimeout(MockSettings.STOP_GRACE.toMillis())
            // WireMock's request journal: the pipeline writes every request into it
            // (WireMockStubs), for WireMock's verification (/__admin/requests, verify, findAll).
            .maxRequestJournalEntries(WireMockStubs.JOURNAL_ENTRIES)
            // HTTP/1.1 only, as the real clients speak it: h2c upgrades of a request with a chunked
            // body (java.net.http does that by default) break once the body limit has read it.
            .http2PlainDisabled(true)
            // Artifacts are compressed archives already, and the other answers are tiny: gzip would
            // only cost CPU on every request.
            .gzipDisabled(true)
            .stubRequestLoggingDisabled(true)
            // Start-up: no Apache HttpClient for proxying stubs (refused: the mock proxies with
            // --proxy). Response templating on, for the stubs that ask for it only.
            .httpClientFactory(new NoProxyHttpClient())
            .templatingEnabled(true)
            .globalTemplating(false)
            .notifier(new QuietNotifier())
            .httpServerFactory(
                LimitedJettyServer.factory(
                    List.of(inFlight, new ApiServletFilter(pipeline, browserRules)),
                    List.of(
                        new AdminServletFilter(
                            admin,
                            settings.adminToken(),
                            browserRules,
                            shutdown,
                            mappings,
                            catchUpJournal))));
    return config;
  }
}
