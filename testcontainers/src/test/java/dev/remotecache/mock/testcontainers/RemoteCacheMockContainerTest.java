package dev.remotecache.mock.testcontainers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;

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

    HttpResponse<String> events = admin("/__admin/remote-cache/events?team=my-team", ADMIN_TOKEN);
    assertEquals(200, events.statusCode(), events.body());
    assertTrue(events.body().contains("\"count\":1"), events.body());
    HttpResponse<String> rejections = admin("/__admin/remote-cache/rejections", ADMIN_TOKEN);
    assertTrue(rejections.body().contains("/0/source"), rejections.body());
  }

  @Test
  void theAdminApiWantsTheAdminToken() throws Exception {
    assertEquals(401, admin("/__admin/remote-cache/journal", "not-the-admin-token").statusCode());
    assertEquals(200, admin("/__admin/remote-cache/journal", ADMIN_TOKEN).statusCode());
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
        HttpResponse<String> artifacts =
            admin(second, "/__admin/remote-cache/artifacts", second.adminToken());
        assertEquals(200, artifacts.statusCode(), artifacts.body());
        assertTrue(artifacts.body().contains(hash), artifacts.body());
      }
    } finally {
      DockerClientFactory.lazyClient().removeVolumeCmd(volume).exec();
    }
  }

  private static HttpResponse<String> postEvents(String body) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(mock.baseUrl() + "/v8/artifacts/events?slug=my-team"))
            .header("Authorization", "Bearer " + TOKEN)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> admin(String path, String token) throws Exception {
    return admin(mock, path, token);
  }

  private static HttpResponse<String> admin(
      RemoteCacheMockContainer container, String path, String token) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(container.baseUrl() + path))
            .header("Authorization", "Bearer " + token)
            .build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
