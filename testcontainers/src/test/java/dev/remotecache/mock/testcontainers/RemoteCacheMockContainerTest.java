package dev.remotecache.mock.testcontainers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.remotecache.admin.client.api.AdminApi;
import dev.remotecache.admin.client.invoker.ApiClient;
import dev.remotecache.admin.client.invoker.ApiException;
import dev.remotecache.admin.client.model.CacheEventType;
import dev.remotecache.admin.client.model.CacheSource;
import dev.remotecache.admin.client.model.CacheUsageEvent;
import dev.remotecache.admin.client.model.CachingStatus;
import dev.remotecache.admin.client.model.EventList;
import dev.remotecache.admin.client.model.Rejection;
import dev.remotecache.admin.client.model.StoredArtifact;
import dev.remotecache.admin.client.model.Violation;
import dev.remotecache.admin.client.model.ViolationLocation;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.ContainerLaunchException;

/** The kit's image started by {@link RemoteCacheMockContainer}, as a tool's test suite uses it. */
class RemoteCacheMockContainerTest {

  private static final String TOKEN = "tool-token";
  private static final String ADMIN_TOKEN = "admin-token";
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static RemoteCacheMockContainer mock;

  @BeforeAll
  static void start() {
    if (!ContainerEngine.ready(RemoteCacheMockContainer.DEFAULT_IMAGE)) {
      return;
    }
    mock = new RemoteCacheMockContainer().withToken(TOKEN).withAdminToken(ADMIN_TOKEN);
    mock.start();
  }

  @BeforeEach
  void engine() {
    ContainerEngine.assumeReady(RemoteCacheMockContainer.DEFAULT_IMAGE);
  }

  @AfterAll
  static void stop() {
    if (mock != null) {
      mock.stop();
    }
  }

  @Test
  void recordsAValidBatchAndNamesTheViolationOfABrokenOne() throws Exception {
    AdminApi admin = mock.adminClient();
    admin.resetJournal();

    HttpResponse<String> valid =
        postEvents(
            """
            [{"sessionId": "56699e9f-0892-44d5-b956-3f2ddfd4512e", "source": "REMOTE",
              "event": "HIT", "hash": "6304b9faf99a2e19", "duration": 178}]""");
    assertEquals(200, valid.statusCode(), valid.body());
    HttpResponse<String> broken =
        postEvents(
            """
            [{"sessionId": "56699e9f-0892-44d5-b956-3f2ddfd4512e", "source": "local",
              "event": "HIT", "hash": "6304b9faf99a2e19"}]""");
    assertEquals(400, broken.statusCode(), broken.body());

    EventList events = admin.getEvents(null, "my-team", null, null, null);
    assertEquals(1, events.getCount());
    CacheUsageEvent event = events.getEvents().get(0).getEvent();
    assertEquals(CacheSource.REMOTE, event.getSource());
    assertEquals(CacheEventType.HIT, event.getEvent());
    assertEquals("6304b9faf99a2e19", event.getHash());

    List<Rejection> rejections = admin.getRejections().getRejections();
    assertEquals(1, rejections.size());
    assertEquals(400, rejections.get(0).getStatus());
    Violation violation = rejections.get(0).getViolations().get(0);
    assertEquals(ViolationLocation.BODY, violation.getIn());
    assertEquals("/0/source", violation.getAt());
    assertEquals("enum", violation.getRule());
    assertEquals("local", violation.getActual());
  }

  @Test
  void theAdminApiWantsTheAdminTokenGiven() throws Exception {
    assertEquals(ADMIN_TOKEN, mock.adminToken());
    assertNotNull(mock.adminClient().getJournal());
    ApiClient withAnotherToken = new ApiClient();
    withAnotherToken.updateBaseUri(mock.baseUrl());
    withAnotherToken.setRequestInterceptor(
        request -> request.header("Authorization", "Bearer not-the-admin-token"));
    ApiException refused =
        assertThrows(ApiException.class, () -> new AdminApi(withAnotherToken).getJournal());
    assertEquals(401, refused.getCode(), refused.getResponseBody());
  }

  @Test
  void theOptionsReachTheMock() throws Exception {
    try (RemoteCacheMockContainer configured =
        new RemoteCacheMockContainer()
            .withToken("first-token")
            .withToken("second-token")
            .withCacheStatus("paused")
            .withJournalLimit(10)
            .withMaxViolations(1)
            .withMaxBodySize("1K")
            .withIdleTimeout(Duration.ofSeconds(5))
            .withQuiet()) {
      configured.start(); // the mock refuses an option it does not know, and the start fails

      HttpResponse<String> status =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(configured.baseUrl() + "/v8/artifacts/status"))
                  .header("Authorization", "Bearer second-token")
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(200, status.statusCode(), status.body());
      assertEquals(CachingStatus.PAUSED, configured.adminClient().getStatus().getStatus());

      HttpResponse<String> twoViolations =
          send(
              configured,
              "first-token",
              "[{\"sessionId\": \"not-a-uuid\", \"source\": \"local\", \"event\": \"HIT\","
                  + " \"hash\": \"6304b9faf99a2e19\"}]");
      assertEquals(400, twoViolations.statusCode(), twoViolations.body());
      Rejection rejection = configured.adminClient().getRejections().getRejections().get(0);
      assertEquals(1, rejection.getViolations().size());
      assertEquals(2, rejection.getViolationCount());

      HttpResponse<String> tooLarge = send(configured, "first-token", "[" + " ".repeat(2048) + "]");
      assertEquals(413, tooLarge.statusCode(), tooLarge.body());
    }
  }

  @Test
  void anOptionTheMockRefusesFailsTheStartAtOnceWithItsMessage() {
    try (RemoteCacheMockContainer refused =
        new RemoteCacheMockContainer()
            .withJournalLimit(0)
            .withStartupTimeout(Duration.ofMinutes(5))) {
      long began = System.nanoTime();
      ContainerLaunchException e = assertThrows(ContainerLaunchException.class, refused::start);
      Duration took = Duration.ofNanos(System.nanoTime() - began);
      String messages = causes(e);
      assertTrue(messages.contains("the mock stopped before it answered (exit code 2)"), messages);
      assertTrue(messages.contains("--journal-limit"), messages);
      // Not the startup timeout: the container's exit ends the wait.
      assertTrue(took.compareTo(Duration.ofMinutes(1)) < 0, "took " + took);
    }
  }

  @Test
  void aStorageVolumeKeepsArtifactsForTheNextContainer() throws Exception {
    String volume = "remote-cache-mock-test-" + UUID.randomUUID();
    String hash = "0123456789abcdef";
    try {
      try (RemoteCacheMockContainer first =
          new RemoteCacheMockContainer().withStorageVolume(volume)) {
        first.start();
        HttpRequest upload =
            HttpRequest.newBuilder(
                    URI.create(first.baseUrl() + "/v8/artifacts/" + hash + "?slug=my-team"))
                .header("Authorization", "Bearer any-token")
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofString("artifact bytes"))
                .build();
        HttpResponse<String> uploaded = HTTP.send(upload, HttpResponse.BodyHandlers.ofString());
        assertEquals(202, uploaded.statusCode(), uploaded.body());
      }
      try (RemoteCacheMockContainer second =
          new RemoteCacheMockContainer().withStorageVolume(volume)) {
        second.start();
        HttpRequest download =
            HttpRequest.newBuilder(
                    URI.create(second.baseUrl() + "/v8/artifacts/" + hash + "?slug=my-team"))
                .header("Authorization", "Bearer any-token")
                .build();
        HttpResponse<String> downloaded = HTTP.send(download, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, downloaded.statusCode(), downloaded.body());
        assertEquals("artifact bytes", downloaded.body());
        // No withAdminToken: the container has a random one, which reaches the admin API.
        List<StoredArtifact> artifacts = second.adminClient().listArtifacts().getArtifacts();
        assertEquals(1, artifacts.size());
        assertEquals(hash, artifacts.get(0).getHash());
        assertEquals("my-team", artifacts.get(0).getTeam());
      }
    } finally {
      DockerClientFactory.lazyClient().removeVolumeCmd(volume).exec();
    }
  }

  private static String causes(Throwable thrown) {
    StringBuilder messages = new StringBuilder();
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      messages.append(t.getMessage()).append('\n');
    }
    return messages.toString();
  }

  private static HttpResponse<String> postEvents(String body) throws Exception {
    return send(mock, TOKEN, body);
  }

  private static HttpResponse<String> send(
      RemoteCacheMockContainer container, String token, String body) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(container.baseUrl() + "/v8/artifacts/events?slug=my-team"))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
