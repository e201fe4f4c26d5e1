package dev.remotecache.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.remotecache.client.RemoteCacheClient;
import dev.remotecache.client.api.ArtifactsApi;
import dev.remotecache.client.api.ArtifactsApi.APIRecordEventsRequest;
import dev.remotecache.client.invoker.ApiClient;
import dev.remotecache.client.invoker.ApiException;
import dev.remotecache.client.model.CacheEventType;
import dev.remotecache.client.model.CacheSource;
import dev.remotecache.client.model.CacheUsageEvent;
import dev.remotecache.client.model.ErrorResponse;
import dev.remotecache.client.model.Violation;
import dev.remotecache.mock.MockJson;
import dev.remotecache.mock.journal.EventBatch;
import dev.remotecache.mock.junit.RemoteCacheMockExtension;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The client generated from the spec, used as a tool would use it, against the mock built from the same spec. */
class GeneratedClientContractTest {

    @RegisterExtension
    static RemoteCacheMockExtension mock = new RemoteCacheMockExtension(b -> b.token("tool-token"));

    private static final UUID SESSION = UUID.fromString("943cff13-a106-4fad-a302-cfbb31ee25af");

    @Test
    void everythingTheClientSendsIsAcceptedAndRecordedExactly() throws Exception {
        List<CacheUsageEvent> sent = List.of(
                new CacheUsageEvent().sessionId(SESSION).source(CacheSource.LOCAL).event(CacheEventType.MISS)
                        .hash("98c044d0d967f207").duration(0.0),
                new CacheUsageEvent().sessionId(SESSION).source(CacheSource.REMOTE).event(CacheEventType.HIT)
                        .hash("12HKQaOmR5t5Uy6vdcQsNIiZgHGB").duration(1234.5),
                new CacheUsageEvent().sessionId(SESSION).source(CacheSource.REMOTE).event(CacheEventType.MISS)
                        .hash("5bc34212a43b08fb"));

        ArtifactsApi artifacts = RemoteCacheClient.artifacts(mock.baseUrl(), "tool-token");
        artifacts.recordEvents(APIRecordEventsRequest.newBuilder()
                .events(sent)
                .xArtifactClientCi("GITHUB_ACTIONS")
                .xArtifactClientInteractive(1)
                .teamId("team_x")
                .slug("my-team")
                .build());

        assertEquals(List.of(), mock.rejections());
        EventBatch batch = mock.batches().get(0);
        assertEquals("team_x", batch.teamId());
        assertEquals("my-team", batch.slug());
        assertEquals("GITHUB_ACTIONS", batch.clientCi());
        assertEquals(1, batch.clientInteractive());
        // Client models and the mock's server models are generated separately from one spec:
        // what one side writes, the other must read back field for field.
        JsonNode written = MockJson.mapper().valueToTree(sent);
        JsonNode recorded = MockJson.mapper().valueToTree(batch.events());
        assertEquals(written, recorded);
        assertNull(batch.events().get(2).getDuration());
    }

    @Test
    void theOptionalHeadersAndQueryCanBeLeftOut() throws Exception {
        RemoteCacheClient.artifacts(mock.baseUrl(), "tool-token").recordEvents(APIRecordEventsRequest.newBuilder()
                .events(List.of(new CacheUsageEvent().sessionId(SESSION).source(CacheSource.LOCAL)
                        .event(CacheEventType.HIT).hash("abc123")))
                .build());

        EventBatch batch = mock.batches().get(0);
        assertNull(batch.teamId());
        assertNull(batch.slug());
        assertNull(batch.clientCi());
        assertNull(batch.clientInteractive());
    }

    @Test
    void aContractViolationReachesTheCallerAsATypedErrorNamingThePlace() throws Exception {
        ApiClient apiClient = RemoteCacheClient.apiClient(mock.baseUrl(), "tool-token");
        ArtifactsApi artifacts = new ArtifactsApi(apiClient);
        ApiException e = assertThrows(ApiException.class, () -> artifacts.recordEvents(
                APIRecordEventsRequest.newBuilder()
                        .events(List.of(new CacheUsageEvent().sessionId(SESSION).source(CacheSource.LOCAL)
                                .event(CacheEventType.MISS).hash("abc").duration(-5.0)))
                        .xArtifactClientInteractive(7)
                        .build()));

        assertEquals(400, e.getCode());
        ErrorResponse error = apiClient.getObjectMapper().readValue(e.getResponseBody(), ErrorResponse.class);
        assertEquals("bad_request", error.getError().getCode());
        List<String> places = error.getError().getViolations().stream()
                .map(v -> v.getIn().getValue() + " " + v.getAt() + " " + v.getRule()).toList();
        assertEquals(List.of("header x-artifact-client-interactive maximum", "body /0/duration minimum"), places);
        Violation duration = error.getError().getViolations().get(1);
        assertEquals(0, ((Number) duration.getExpected()).intValue());
        assertEquals(-5.0, ((Number) duration.getActual()).doubleValue());
        assertEquals(List.of(), mock.events());
    }

    @Test
    void anUnknownTokenIsA401TheClientReports() {
        ApiException e = assertThrows(ApiException.class, () -> RemoteCacheClient.artifacts(mock.baseUrl(), "stolen")
                .recordEvents(APIRecordEventsRequest.newBuilder().events(List.of()).build()));
        assertEquals(401, e.getCode());
        assertTrue(e.getResponseHeaders().firstValue("WWW-Authenticate").isPresent());
    }
}
