package dev.remotecache.mock.apitest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import dev.remotecache.client.RemoteCacheClient;
import dev.remotecache.client.UploadOptions;
import dev.remotecache.client.api.ArtifactsApi;
import dev.remotecache.client.invoker.ApiException;
import dev.remotecache.client.model.CacheEventType;
import dev.remotecache.client.model.CacheSource;
import dev.remotecache.client.model.CacheUsageEvent;
import dev.remotecache.client.model.CachingStatus;
import dev.remotecache.mock.StubRefused;
import dev.remotecache.mock.coverage.OperationCoverage;
import dev.remotecache.mock.journal.Rejection;
import dev.remotecache.mock.junit.RemoteCacheMockExtension;
import dev.remotecache.mock.overrides.FaultRule;
import dev.remotecache.mock.overrides.ForcedResponse;
import dev.remotecache.mock.store.StoredArtifact;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a user's test does with the extension, held for both engines: run on Java 17 (the server in
 * a JVM of its own), and on 21+ in and out of process (see the pom). Real HTTP from the generated
 * client; every check reads what the server recorded.
 */
class MockApiTest {

  @RegisterExtension static RemoteCacheMockExtension mock = new RemoteCacheMockExtension();

  private static final UUID SESSION = UUID.fromString("56699e9f-0892-44d5-b956-3f2ddfd4512e");

  private ArtifactsApi client() {
    return RemoteCacheClient.artifacts(mock.baseUrl(), "any-token");
  }

  private RemoteCacheClient cache() {
    return RemoteCacheClient.connect(mock.baseUrl(), "any-token").forTeam("web");
  }

  private static CacheUsageEvent hit(String hash) {
    return new CacheUsageEvent()
        .sessionId(SESSION)
        .source(CacheSource.REMOTE)
        .event(CacheEventType.HIT)
        .hash(hash)
        .duration(178.0);
  }

  @Test
  void runsOnTheJvmThisRunIsAbout() {
    String expected = System.getProperty("remotecache.expectJavaFeature");
    if (expected != null) {
      assertEquals(Integer.parseInt(expected), Runtime.version().feature());
    }
    assertTrue(mock.mock().isRunning());
    assertTrue(mock.port() > 0);
    assertEquals("http://127.0.0.1:" + mock.port(), mock.baseUrl());
  }

  @Test
  void recordsEventsAndVerifiesThem() throws Exception {
    client()
        .recordEvents(
            List.of(hit("6304b9faf99a2e19"), hit("aa01")), "GITHUB_ACTIONS", 0, null, "web");

    mock.verify().noRejections();
    mock.verify().events().team("web").hasCount(2).allAre(CacheSource.REMOTE, CacheEventType.HIT);
    mock.verify().events().hash("aa01").session(SESSION).hasCount(1);
    mock.verify().requests("recordEvents").hasCount(1);
    assertEquals(List.of(hit("6304b9faf99a2e19"), hit("aa01")), mock.events());
    assertEquals("web", mock.batches().get(0).slug());
    assertEquals("GITHUB_ACTIONS", mock.batches().get(0).clientCi());
    assertEquals(2, mock.journal().recordedEvents().size());
  }

  @Test
  void aFailedVerificationSaysWhatCame() throws Exception {
    client().recordEvents(List.of(hit("6304b9faf99a2e19")), null, null, null, "web");

    AssertionError count =
        assertThrows(AssertionError.class, () -> mock.verify().events().team("web").hasCount(2));
    assertEquals(
        "expected 2 events (team web), got 1; received:\n"
            + "  REMOTE HIT 6304b9faf99a2e19 session "
            + SESSION
            + " slug web",
        count.getMessage());
    AssertionError kind =
        assertThrows(
            AssertionError.class,
            () -> mock.verify().events().allAre(CacheSource.LOCAL, CacheEventType.MISS));
    assertTrue(
        kind.getMessage().startsWith("expected events to be all LOCAL MISS, but 1 are not"),
        kind.getMessage());
  }

  @Test
  void aRejectedRequestIsJournaledWithItsViolations() {
    ApiException refused =
        assertThrows(
            ApiException.class,
            () -> client().recordEvents(List.of(hit("not a hash!")), null, 7, null, "web"));
    assertEquals(400, refused.getCode());

    List<Rejection> rejections = mock.rejections();
    assertEquals(1, rejections.size());
    assertEquals(400, rejections.get(0).status());
    assertEquals(
        List.of("x-artifact-client-interactive"),
        rejections.get(0).violations().stream()
            .filter(v -> "header".equals(String.valueOf(v.getIn())))
            .map(v -> v.getAt())
            .toList());
    AssertionError none = assertThrows(AssertionError.class, () -> mock.verify().noRejections());
    assertTrue(
        none.getMessage()
            .startsWith(
                "expected no rejected request, but 1 were rejected:\n  POST /v8/artifacts/events?slug=web -> 400: "),
        none.getMessage());
    mock.verify().events().none();
  }

  @Test
  void keepsArtifactsAndListsThem(@TempDir Path dir) throws Exception {
    Path artifact = Files.write(dir.resolve("out.tar.zst"), new byte[] {1, 2, 3, 4, 5});
    cache()
        .upload(
            "6304b9faf99a2e19",
            artifact,
            new UploadOptions().duration(Duration.ofMillis(178)).tag("tag1"));

    List<StoredArtifact> stored = mock.artifacts();
    assertEquals(1, stored.size());
    assertEquals("6304b9faf99a2e19", stored.get(0).hash());
    assertEquals(5, stored.get(0).metadata().size());
    assertEquals("tag1", stored.get(0).metadata().tag());
    ByteArrayOutputStream back = new ByteArrayOutputStream();
    assertEquals(5, cache().download("6304b9faf99a2e19", back).orElseThrow().size());
    assertEquals(5, back.size());
    mock.verify().requests("uploadArtifact").hasCount(1);
  }

  @Test
  void forcesADocumentedAnswerAndRefusesAnUndocumentedOne() throws Exception {
    mock.forceResponse(ForcedResponse.of("status", 403).times(1));
    assertEquals(
        403, assertThrows(ApiException.class, () -> client().status(null, "web")).getCode());
    assertEquals(CachingStatus.ENABLED, client().status(null, "web").getStatus());

    IllegalArgumentException undocumented =
        assertThrows(
            IllegalArgumentException.class,
            () -> mock.forceResponse(ForcedResponse.of("status", 418)));
    assertTrue(undocumented.getMessage().contains("documents no 418"), undocumented.getMessage());
    IllegalArgumentException unknown =
        assertThrows(
            IllegalArgumentException.class,
            () -> mock.injectFault(FaultRule.serverError("nope", 503)));
    assertTrue(
        unknown.getMessage().startsWith("the spec has no operation nope"), unknown.getMessage());
  }

  @Test
  void injectsFaultsUntilCleared() throws Exception {
    mock.injectFault(FaultRule.serverError("status", 503));
    assertEquals(
        503, assertThrows(ApiException.class, () -> client().status(null, "web")).getCode());
    assertEquals(
        503, assertThrows(ApiException.class, () -> client().status(null, "web")).getCode());

    mock.clearOverrides();
    assertEquals(CachingStatus.ENABLED, client().status(null, "web").getStatus());
  }

  @Test
  void countsTheContractCoverage() throws Exception {
    // 500, not 503: the generated client's Apache HttpClient sends a GET again after a 503.
    mock.injectFault(FaultRule.serverError("status", 500));
    assertThrows(ApiException.class, () -> client().status(null, "web"));
    assertThrows(ApiException.class, () -> client().status(null, "web"));
    mock.clearOverrides();
    client().status(null, "web");

    OperationCoverage status = mock.coverage().operation("status").orElseThrow();
    assertEquals(3, status.calls(), status.toString());
    assertEquals(Map.of("200", 1L, "500", 2L), status.served());
    assertEquals(Map.of("SERVER_ERROR", 2L), status.faults());
    assertEquals(List.of(), mock.coverage().unmet("status:5xx", "status:200"));
    assertEquals(2, mock.coverage().unmet("status:403", "uploadArtifact:202").size());
    assertEquals(0, mock.coverage().operation("uploadArtifact").orElseThrow().calls());
  }

  @Test
  void setsTheStatusAndResetsEverything(@TempDir Path dir) throws Exception {
    mock.setStatus(CachingStatus.PAUSED);
    assertEquals(CachingStatus.PAUSED, client().status(null, "web").getStatus());
    client().recordEvents(List.of(hit("6304b9faf99a2e19")), null, null, null, "web");
    cache().upload("6304b9faf99a2e19", Files.write(dir.resolve("a"), new byte[] {1}));
    mock.forceResponse(ForcedResponse.of("artifactQuery", 403));

    mock.reset();

    assertEquals(List.of(), mock.events());
    assertEquals(List.of(), mock.artifacts());
    assertEquals(List.of(), mock.journal().requests());
    assertEquals(List.of(), mock.coverage().called());
    assertEquals(CachingStatus.ENABLED, client().status(null, "web").getStatus());
    mock.verify().requests("status").hasCount(1);
  }

  @Test
  void theStoreObjectIsHereOnlyWhenTheServerIs() {
    if (WhereTheServerRuns.outOfProcess()) {
      UnsupportedOperationException e =
          assertThrows(UnsupportedOperationException.class, () -> mock.store());
      assertTrue(e.getMessage().contains("Java 21+"), e.getMessage());
    } else {
      assertNotNull(mock.store());
      assertTrue(mock.store().list().isEmpty());
    }
  }

  @Test
  void stubForServesAStubTheSpecAllowsAndRefusesOneItDoesNot() throws Exception {
    StubMapping stub =
        mock.stubFor(
            get(urlPathEqualTo("/v8/artifacts/status"))
                .withName("paused")
                .willReturn(okJson("{\"status\": \"paused\"}")));
    assertNotNull(stub.getId());
    assertEquals(CachingStatus.PAUSED, client().status(null, "web").getStatus());

    StubRefused refused =
        assertThrows(
            StubRefused.class,
            () ->
                mock.stubFor(
                    get(urlPathEqualTo("/v8/artifacts/status"))
                        .willReturn(aResponse().withStatus(418))));
    assertEquals("enum", refused.violations().get(0).getRule(), refused.getMessage());
    assertTrue(refused.getMessage().contains("418"), refused.getMessage());
  }
}
