package dev.remotecache.mock.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.remotecache.mock.RemoteCacheMock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code POST /__admin/shutdown} in a test's JVM stops the mock's server, never the JVM (this test
 * would not report otherwise); the extension starts a fresh mock for the next test.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExtensionShutdownTest {

  @RegisterExtension static final RemoteCacheMockExtension MOCK = new RemoteCacheMockExtension();

  private static RemoteCacheMock shutDown;

  @Test
  @Order(1)
  void shutdownStopsTheServer() throws Exception {
    HttpResponse<String> answer =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(MOCK.baseUrl() + "/__admin/shutdown"))
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(200, answer.statusCode(), answer.body());
    shutDown = MOCK.mock();
    shutDown.awaitStop();
    assertFalse(shutDown.isRunning());
  }

  @Test
  @Order(2)
  void theNextTestGetsARunningMock() {
    assertTrue(MOCK.mock().isRunning());
    assertTrue(MOCK.mock() != shutDown, "a fresh one");
  }
}
