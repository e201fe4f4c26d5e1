package dev.remotecache.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.remotecache.mock.junit.RemoteCacheMockExtension;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Uploads whose clients stall half way (a slow network, a paused CI job) hold no thread another
 * client needs: each request runs on a virtual thread, so a request that waits for its body costs
 * no platform thread.
 */
class StalledUploadsTest {

  /** Several times the platform threads of the Jetty pool WireMock configures by default. */
  private static final int STALLED = 100;

  @RegisterExtension static RemoteCacheMockExtension mock = new RemoteCacheMockExtension();

  @Test
  void anotherClientIsAnsweredWhileManyUploadsWaitForTheirBodies() throws Exception {
    URI base = URI.create(mock.baseUrl());
    List<Socket> stalled = new ArrayList<>();
    try {
      for (int i = 0; i < STALLED; i++) {
        Socket socket = new Socket(base.getHost(), base.getPort());
        stalled.add(socket);
        OutputStream out = socket.getOutputStream();
        out.write(
            ("PUT /v8/artifacts/stalled"
                    + i
                    + "?slug=team HTTP/1.1\r\n"
                    + "Host: "
                    + base.getAuthority()
                    + "\r\nAuthorization: Bearer test-token\r\n"
                    + "Content-Type: application/octet-stream\r\n"
                    + "Content-Length: 1000\r\n\r\n"
                    + "ten bytes.") // of the thousand declared; the rest never comes
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
      }

      // Within the client's own timeout (Http: 10 s), not after the stalled uploads time out.
      assertEquals(
          200,
          Http.send(Http.authorizedPost(mock.baseUrl(), Http.EVENTS, "[" + Http.VALID_EVENT + "]"))
              .statusCode());
    } finally {
      for (Socket socket : stalled) {
        try {
          socket.close();
        } catch (IOException ignored) {
          // closing is all that is left to do
        }
      }
    }
  }
}
