package dev.remotecache.mock.internal.server.wiremock;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.remotecache.mock.MockSettings;
import dev.remotecache.mock.internal.admin.AdminApi;
import dev.remotecache.mock.internal.admin.AdminBrowserRules;
import dev.remotecache.mock.internal.pipeline.RequestPipeline;
import dev.remotecache.mock.internal.server.jetty.AdminServletFilter;
import dev.remotecache.mock.internal.server.jetty.ApiServletFilter;
import dev.remotecache.mock.internal.server.jetty.InFlightRequests;
import dev.remotecache.mock.internal.server.jetty.LimitedJettyServer;
import java.time.Duration;
import java.util.List;

/**
 * The HTTP server: WireMock's Jetty, with every API request answered by the {@link RequestPipeline}
 * through a servlet filter in front of WireMock's handler, and the admin API (the mock's routes,
 * and WireMock's own) behind the admin door, in front of WireMock's admin.
 */
public final class MockWireMockServer {

  private final WireMockServer server;
  private final InFlightRequests inFlight = new InFlightRequests();

  /**
   * @param shutdown what {@code POST /__admin/shutdown} does once answered; returns at once
   */
  public MockWireMockServer(
      MockSettings settings, RequestPipeline pipeline, AdminApi admin, Runnable shutdown) {
    this.server = new WireMockServer(configuration(settings, pipeline, admin, inFlight, shutdown));
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
      Runnable shutdown) {
    AdminBrowserRules browserRules =
        new AdminBrowserRules(
            settings.host(), settings.adminToken() != null, settings.requestLog());
    WireMockConfiguration config =
        options()
            .bindAddress(settings.host())
            .port(settings.port())
            .jettyIdleTimeout(settings.idleTimeout().toMillis())
            .jettyStopTimeout(MockSettings.STOP_GRACE.toMillis())
            .disableRequestJournal() // the mock keeps its own, typed journal
            // HTTP/1.1 only, as the real clients speak it: h2c upgrades of a request with a chunked
            // body (java.net.http does that by default) break once the body limit has read it.
            .http2PlainDisabled(true)
            // Artifacts are compressed archives already, and the other answers are tiny: gzip would
            // only cost CPU on every request.
            .gzipDisabled(true)
            .stubRequestLoggingDisabled(true)
            // Start-up: no Apache HttpClient for proxying stubs, no Handlebars; the mock uses
            // neither.
            .httpClientFactory(new NoProxyHttpClient())
            .templatingEnabled(false)
            .notifier(new QuietNotifier())
            .httpServerFactory(
                LimitedJettyServer.factory(
                    List.of(inFlight, new ApiServletFilter(pipeline, browserRules)),
                    List.of(
                        new AdminServletFilter(
                            admin, settings.adminToken(), browserRules, shutdown))));
    return config;
  }
}
