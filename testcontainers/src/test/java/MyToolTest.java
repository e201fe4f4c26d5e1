import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.remotecache.admin.client.api.AdminApi;
import dev.remotecache.admin.client.model.CacheEventType;
import dev.remotecache.admin.client.model.CacheSource;
import dev.remotecache.mock.testcontainers.RemoteCacheMockContainer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MyToolTest {

  static RemoteCacheMockContainer mock = new RemoteCacheMockContainer().withToken("secret");

  @BeforeAll
  static void start() {
    mock.start(); // ready once the mock answers
  }

  @AfterAll
  static void stop() {
    mock.stop();
  }

  @Test
  void reportsARemoteHit() throws Exception {
    // Your tool goes here: after a run, turbo tells the cache which tasks hit.
    HttpRequest events =
        HttpRequest.newBuilder(URI.create(mock.baseUrl() + "/v8/artifacts/events?slug=my-team"))
            .header("Authorization", "Bearer secret")
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    """
                    [{"sessionId": "56699e9f-0892-44d5-b956-3f2ddfd4512e", "source": "REMOTE",
                      "event": "HIT", "hash": "6304b9faf99a2e19", "duration": 178}]"""))
            .build();
    HttpResponse<String> answer =
        HttpClient.newHttpClient().send(events, HttpResponse.BodyHandlers.ofString());
    assertEquals(200, answer.statusCode(), answer.body());

    AdminApi admin = mock.adminClient(); // what the mock received, typed by the admin API's spec
    assertEquals(0, admin.getRejections().getRejections().size());
    assertEquals(
        1,
        admin.getEvents(null, "my-team", CacheSource.REMOTE, CacheEventType.HIT, null).getCount());
  }
}
