package dev.remotecache.mock.wiremock;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.remotecache.mock.contract.ContractCheck;
import dev.remotecache.mock.journal.MockJournal;
import dev.remotecache.mock.operations.OperationDispatcher;
import dev.remotecache.mock.operations.StatefulArtifactsApi;
import dev.remotecache.mock.store.ArtifactStore;
import java.time.Clock;
import java.util.function.Consumer;

/**
 * Assembles the WireMock server: the validating filter that also answers, the mock's admin API and
 * the request log, as WireMock extensions.
 */
public final class MockWireMockServer {

    private MockWireMockServer() {
    }

    public static WireMockServer create(String host, int port, ContractCheck check, OperationDispatcher dispatcher,
                                        MockJournal journal, ArtifactStore store, StatefulArtifactsApi api,
                                        Consumer<String> requestLog, ObjectMapper json) {
        RequestOutcomes outcomes = new RequestOutcomes();
        WireMockConfiguration config = options()
                .bindAddress(host)
                .port(port)
                .disableRequestJournal() // the mock keeps its own, typed journal
                .stubRequestLoggingDisabled(true)
                .notifier(new QuietNotifier())
                .extensions(
                        new ContractValidationFilter(check, dispatcher, journal, new ErrorResponses(json), outcomes,
                                Clock.systemUTC()),
                        new MockAdminApi(journal, store, api, json),
                        new RequestLog(outcomes, requestLog));
        return new WireMockServer(config);
    }
}
