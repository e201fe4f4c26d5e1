package dev.remotecache.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.remotecache.client.ArtifactDownload;
import dev.remotecache.client.RemoteCacheClient;
import dev.remotecache.client.UploadOptions;
import dev.remotecache.client.api.ArtifactsApi;
import dev.remotecache.client.invoker.ApiClient;
import dev.remotecache.client.invoker.ApiException;
import dev.remotecache.client.model.ArtifactQueryRequest;
import dev.remotecache.client.model.ArtifactQueryResult;
import dev.remotecache.client.model.CacheEventType;
import dev.remotecache.client.model.CacheSource;
import dev.remotecache.client.model.CacheUsageEvent;
import dev.remotecache.client.model.CachingStatus;
import dev.remotecache.client.model.ErrorResponse;
import dev.remotecache.client.model.Violation;
import dev.remotecache.mock.internal.http.MockJson;
import dev.remotecache.mock.journal.EventBatch;
import dev.remotecache.mock.junit.RemoteCacheMockExtension;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client generated from the spec, used as a tool would use it, against the mock built from the
 * same spec.
 */
class GeneratedClientContractTest {

  @RegisterExtension
  static RemoteCacheMockExtension mock = new RemoteCacheMockExtension(b -> b.token("tool-token"));

  private static final UUID SESSION = UUID.fromString("943cff13-a106-4fad-a302-cfbb31ee25af");

  private static ArtifactsApi artifacts() {
    return RemoteCacheClient.artifacts(mock.baseUrl(), "tool-token");
  }

  @Test
  void everythingTheClientSendsIsAcceptedAndRecordedExactly() throws Exception {
    List<CacheUsageEvent> sent =
        List.of(
            new CacheUsageEvent()
                .sessionId(SESSION)
                .source(CacheSource.LOCAL)
                .event(CacheEventType.MISS)
                .hash("98c044d0d967f207")
                .duration(0.0),
            new CacheUsageEvent()
                .sessionId(SESSION)
                .source(CacheSource.REMOTE)
                .event(CacheEventType.HIT)
                .hash("12HKQaOmR5t5Uy6vdcQsNIiZgHGB")
                .duration(1234.5),
            new CacheUsageEvent()
                .sessionId(SESSION)
                .source(CacheSource.REMOTE)
                .event(CacheEventType.MISS)
                .hash("5bc34212a43b08fb"));

    artifacts().recordEvents(sent, "GITHUB_ACTIONS", 1, "team_x", "my-team");

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
    artifacts()
        .recordEvents(
            List.of(
                new CacheUsageEvent()
                    .sessionId(SESSION)
                    .source(CacheSource.LOCAL)
                    .event(CacheEventType.HIT)
                    .hash("abc123")),
            null,
            null,
            null,
            null);

    EventBatch batch = mock.batches().get(0);
    assertNull(batch.teamId());
    assertNull(batch.slug());
    assertNull(batch.clientCi());
    assertNull(batch.clientInteractive());
  }

  @Test
  void anArtifactMakesTheWholeRoundTripAsAStream(@TempDir Path dir) throws Exception {
    byte[] bytes = new byte[3 * 1024 * 1024 + 17];
    new Random(42).nextBytes(bytes);
    Path upload = Files.write(dir.resolve("artifact.tar.zst"), bytes);
    RemoteCacheClient cache =
        RemoteCacheClient.connect(mock.baseUrl(), "tool-token")
            .forTeam("web")
            .inCi("GITHUB_ACTIONS")
            .interactive(false);

    assertEquals(CachingStatus.ENABLED, cache.status());
    List<String> urls =
        cache
            .upload(
                "6304b9faf99a2e19",
                upload,
                new UploadOptions()
                    .duration(Duration.ofMillis(178))
                    .tag("c2lnbmF0dXJl")
                    .sha("cc6ec55"))
            .getUrls();
    assertTrue(urls.get(0).endsWith("/v8/artifacts/6304b9faf99a2e19?slug=web"), urls.toString());

    Path downloaded = dir.resolve("downloaded.tar.zst");
    ArtifactDownload found = cache.download("6304b9faf99a2e19", downloaded).orElseThrow();
    assertArrayEquals(bytes, Files.readAllBytes(downloaded), "the bytes come back unchanged");
    assertEquals(new ArtifactDownload(bytes.length, Duration.ofMillis(178), "c2lnbmF0dXJl"), found);
    assertTrue(cache.exists("6304b9faf99a2e19"));

    ArtifactsApi api = cache.api();
    Map<String, ArtifactQueryResult> query =
        api.artifactQuery(
            new ArtifactQueryRequest().hashes(List.of("6304b9faf99a2e19", "ffff")), null, "web");
    assertEquals(bytes.length, query.get("6304b9faf99a2e19").getSize());
    assertEquals(
        0, new BigDecimal("178").compareTo(query.get("6304b9faf99a2e19").getTaskDurationMs()));
    assertEquals("c2lnbmF0dXJl", query.get("6304b9faf99a2e19").getTag());
    assertEquals("Artifact not found", query.get("ffff").getError().getMessage());

    assertEquals(
        Optional.empty(),
        cache.forTeam("another-team").download("6304b9faf99a2e19", new ByteArrayOutputStream()),
        "artifacts are kept per team");

    assertEquals(1, api.deleteAllArtifacts(null, "web").getDeletedCount());
    assertFalse(cache.exists("6304b9faf99a2e19"));
    assertEquals(List.of(), mock.rejections());
  }

  @Test
  void theStatusAnswerCanBeSet() throws Exception {
    mock.setStatus(dev.remotecache.client.model.CachingStatus.OVER_LIMIT);
    assertEquals(CachingStatus.OVER_LIMIT, artifacts().status("team_1", null).getStatus());
  }

  @Test
  void aContractViolationReachesTheCallerAsATypedErrorNamingThePlace() throws Exception {
    ApiClient apiClient = RemoteCacheClient.apiClient(mock.baseUrl(), "tool-token");
    ApiException e =
        assertThrows(
            ApiException.class,
            () ->
                new ArtifactsApi(apiClient)
                    .recordEvents(
                        List.of(
                            new CacheUsageEvent()
                                .sessionId(SESSION)
                                .source(CacheSource.LOCAL)
                                .event(CacheEventType.MISS)
                                .hash("abc")
                                .duration(-5.0)),
                        null,
                        7,
                        null,
                        null));

    assertEquals(400, e.getCode());
    ErrorResponse error =
        apiClient.getObjectMapper().readValue(e.getResponseBody(), ErrorResponse.class);
    assertEquals("bad_request", error.getError().getCode());
    List<String> places =
        error.getError().getViolations().stream()
            .map(v -> v.getIn().getValue() + " " + v.getAt() + " " + v.getRule())
            .toList();
    assertEquals(
        List.of("header x-artifact-client-interactive maximum", "body /0/duration minimum"),
        places);
    Violation duration = error.getError().getViolations().get(1);
    assertEquals(0, ((Number) duration.getExpected()).intValue());
    assertEquals(-5.0, ((Number) duration.getActual()).doubleValue());
    assertEquals(List.of(), mock.events());
  }

  @Test
  void anUnknownTokenIsA401TheClientReports() {
    ApiException e =
        assertThrows(
            ApiException.class,
            () ->
                RemoteCacheClient.artifacts(mock.baseUrl(), "stolen")
                    .recordEvents(List.of(), null, null, null, null));
    assertEquals(401, e.getCode());
    assertTrue(
        e.getResponseHeaders().keySet().stream()
            .anyMatch(h -> h.equalsIgnoreCase("WWW-Authenticate")),
        e.getResponseHeaders().toString());
  }
}
