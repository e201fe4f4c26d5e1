package dev.remotecache.mock.wiremock;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.remotecache.mock.MockSettings;
import dev.remotecache.mock.contract.ContractCheck;
import dev.remotecache.mock.journal.MockJournal;
import dev.remotecache.mock.operations.OperationDispatcher;
import dev.remotecache.mock.proxy.ValidatingProxy;
import dev.remotecache.mock.operations.StatefulArtifactsApi;
import dev.remotecache.mock.store.ArtifactStore;
import java.time.Clock;

/**
 * Assembles the WireMock server: the validating filter that also answers, the mock's admin API and
 * the request log, as WireMock extensions.
 */
public final class MockWireMockServer {

    private static ProxyAnswers proxyAnswers(MockSettings settings, ContractCheck check, MockJournal journal) {
        return settings.proxyTarget() == null ? null : new ProxyAnswers(
                new ValidatingProxy(settings.proxyTarget(), check.contract(), java.time.Duration.ofSeconds(10)),
                journal, Clock.systemUTC());
    }

    /** How long a stop waits for requests in flight to finish. */
    static final long STOP_TIMEOUT_MILLIS = 10_000;

    private MockWireMockServer() {
    }

    public static WireMockServer create(MockSettings settings, ContractCheck check, OperationDispatcher dispatcher,
                                        MockJournal journal, ArtifactStore store, StatefulArtifactsApi api,
                                        InFlightRequests inFlight, OverridesAdmin overrides,
                                        ObjectMapper json) {
        RequestOutcomes outcomes = new RequestOutcomes();
        RequestLine lineFormat = new RequestLine(settings.colourLog());
        Clock clock = Clock.systemUTC();
        ContractAnswers answers = new ContractAnswers(check,
                new AcceptedRequestAnswers(dispatcher, overrides.documented(), overrides.overrides()),
                new ErrorResponses(), journal, clock);
        RequestLog log = new RequestLog(outcomes, journal, lineFormat, settings.requestLog(), clock);
        ProxyAnswers proxy = proxyAnswers(settings, check, journal);
        WireMockConfiguration config = options()
                .bindAddress(settings.host())
                .port(settings.port())
                .jettyIdleTimeout(settings.idleTimeout().toMillis())
                .jettyStopTimeout(STOP_TIMEOUT_MILLIS)
                .disableRequestJournal() // the mock keeps its own, typed journal
                // HTTP/1.1 only, as the real clients speak it: h2c upgrades of a request with a chunked
                // body (java.net.http does that by default) break once the body limit has read it.
                .http2PlainDisabled(true)
                // Artifacts are compressed archives already, and the other answers are tiny: gzip would
                // only cost CPU on every request.
                .gzipDisabled(true)
                .stubRequestLoggingDisabled(true)
                // Start-up: no Apache HttpClient for proxying stubs, no Handlebars; the mock uses neither.
                .httpClientFactory(new NoProxyHttpClient())
                .templatingEnabled(false)
                .notifier(new QuietNotifier())
                // In front of WireMock: the body limit, then the contract answering most API requests.
                .httpServerFactory(LimitedJettyServer.factory(inFlight,
                        new BodySizeServletFilter(settings.bodySizeLimit(), journal, settings.requestLog(),
                                lineFormat, clock),
                        new ContractServletFilter(answers, log, overrides.overrides(), proxy != null)))
                .extensions(
                        new LiveViewRedirectFilter(), // before the contract filter, which would answer 404
                        new ContractValidationFilter(answers, outcomes, proxy, settings.forwardInvalid()),
                        new AdminAccessFilter(settings.adminToken()),
                        new MockAdminApi(journal, store, api, overrides, json),
                        new LiveViewAdminApi(),
                        log);
        return new WireMockServer(config);
    }
}
