package dev.remotecache.mock;

import static dev.remotecache.mock.Http.EVENTS;
import static dev.remotecache.mock.Http.VALID_EVENT;
import static dev.remotecache.mock.Http.authorizedPost;
import static dev.remotecache.mock.Http.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.remotecache.client.model.CacheUsageEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The mock's limits: body size, journal size, stalled clients, admin access. */
class LimitsAndSafetyTest {

  @Test
  void aBodyOverTheLimitIsRefusedFromItsDeclaredLengthBeforeItIsSent() throws Exception {
    try (RemoteCacheMock mock =
            RemoteCacheMock.builder().port(0).maxBodySize(1024).build().start();
        Socket socket = new Socket("127.0.0.1", mock.port())) {
      socket.setSoTimeout(5_000); // if the mock waited for the 10 GB, this read fails the test
      socket
          .getOutputStream()
          .write(
              ("PUT /v8/artifacts/abc HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer t\r\n"
                      + "Content-Type: application/octet-stream\r\nContent-Length: 10000000000\r\n\r\nfirst bytes")
                  .getBytes(StandardCharsets.US_ASCII));
      // The whole answer (headers, CORS ones too, and the error): the mock closes the connection.
      String answer = new String(socket.getInputStream().readNBytes(4000), StandardCharsets.UTF_8);
      assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
      assertTrue(answer.contains("\"code\":\"payload_too_large\""), answer);
      assertTrue(answer.contains("\"rule\":\"bodySize\""), answer);
      assertEquals(413, mock.rejections().get(0).status());
      assertEquals(List.of(), mock.artifacts());
    }
  }

  /** A bearer token as large as an identity provider's JWT with many claims. */
  private static final String LARGE_TOKEN = "a".repeat(12_000);

  @Test
  void headersOverTheLimitGet431InTheApisErrorShape() throws Exception {
    try (RemoteCacheMock mock = RemoteCacheMock.builder().port(0).build().start()) {
      HttpResponse<String> answer = statusWithToken(mock, LARGE_TOKEN);
      assertEquals(431, answer.statusCode(), answer.body());
      assertTrue(answer.body().contains("\"error\""), answer.body());
    }
  }

  @Test
  void theHeaderLimitIsASettingInEitherEngine() throws Exception {
    for (boolean separateJvm : List.of(false, true)) {
      try (RemoteCacheMock mock =
          RemoteCacheMock.builder()
              .port(0)
              .outOfProcess(separateJvm)
              .with(MockSettings.MAX_HEADER_SIZE, 32L * 1024)
              .build()
              .start()) {
        HttpResponse<String> answer = statusWithToken(mock, LARGE_TOKEN);
        assertEquals(
            200, answer.statusCode(), "outOfProcess " + separateJvm + ": " + answer.body());
      }
    }
  }

  private static HttpResponse<String> statusWithToken(RemoteCacheMock mock, String token)
      throws Exception {
    return send(
        HttpRequest.newBuilder(URI.create(mock.baseUrl() + "/v8/artifacts/status?slug=web"))
            .header("Authorization", "Bearer " + token)
            .GET());
  }

  @Test
  void aChunkedBodyIsMeasuredAsItArrives() throws Exception {
    try (RemoteCacheMock mock =
            RemoteCacheMock.builder().port(0).maxBodySize(1024).build().start();
        Socket socket = new Socket("127.0.0.1", mock.port())) {
      socket.setSoTimeout(5_000);
      // 2000 bytes in one chunk and no final chunk yet: the mock must answer without waiting for
      // the end.
      socket
          .getOutputStream()
          .write(
              ("PUT /v8/artifacts/abc HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer t\r\n"
                      + "Content-Type: application/octet-stream\r\nTransfer-Encoding: chunked\r\n\r\n7d0\r\n"
                      + "x".repeat(2000)
                      + "\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      String answer = new String(socket.getInputStream().readNBytes(300), StandardCharsets.UTF_8);
      assertTrue(answer.startsWith("HTTP/1.1 413"), answer);

      assertEquals(202, chunkedUpload(mock, 1000), "a chunked body within the limit is stored");
      assertEquals(1000, mock.artifacts().get(0).metadata().size());
    }
  }

  private static int chunkedUpload(RemoteCacheMock mock, int size) {
    // An InputStream publisher of unknown length makes java.net.http send the body chunked.
    byte[] body = new byte[size];
    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(URI.create(mock.baseUrl() + "/v8/artifacts/abc"))
                .header("Authorization", "Bearer t")
                .header("Content-Type", "application/octet-stream")
                .PUT(
                    HttpRequest.BodyPublishers.ofInputStream(
                        () -> new java.io.ByteArrayInputStream(body))));
    return response.statusCode();
  }

  @Test
  void theJournalKeepsTheNewestEventsWithinItsLimitAndCountsTheRest() {
    try (RemoteCacheMock mock =
        RemoteCacheMock.builder().port(0).journalLimit(10).build().start()) {
      for (int i = 0; i < 25; i++) {
        HttpResponse<String> r =
            send(
                authorizedPost(
                    mock.baseUrl(),
                    EVENTS,
                    "[" + VALID_EVENT.replace("6304b9faf99a2e19", "hash" + i) + "]"));
        assertEquals(200, r.statusCode(), r.body());
        send(authorizedPost(mock.baseUrl(), EVENTS, "[{}]"));
      }
      List<String> kept = mock.events().stream().map(CacheUsageEvent::getHash).toList();
      assertEquals(10, kept.size());
      assertEquals("hash15", kept.get(0), "the oldest go first");
      assertEquals("hash24", kept.get(9));
      assertEquals(15, mock.journal().droppedEvents());
      assertEquals(10, mock.rejections().size());
      assertEquals(15, mock.journal().droppedRejections());
    }
  }

  @Test
  void aStalledClientIsDisconnectedAfterTheIdleTimeout() throws Exception {
    try (RemoteCacheMock mock =
            RemoteCacheMock.builder().port(0).idleTimeout(Duration.ofMillis(500)).build().start();
        Socket socket = new Socket("127.0.0.1", mock.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          "POST /v8/artifacts/events HTTP/1.1\r\nHost: x\r\nContent-Len"
              .getBytes(StandardCharsets.US_ASCII));
      out.flush(); // ...and then nothing more
      InputStream in = socket.getInputStream();
      long start = System.nanoTime();
      byte[] rest = in.readAllBytes(); // returns when the mock closes the connection
      long waitedMillis = (System.nanoTime() - start) / 1_000_000;
      assertTrue(waitedMillis < 9_000, "the connection was not closed: " + waitedMillis + " ms");
      String answer = new String(rest, StandardCharsets.US_ASCII);
      assertTrue(answer.isEmpty() || answer.startsWith("HTTP/1.1 4"), answer);
    }
  }

  @Test
  void theAdminApiAsksForItsTokenWhenOneIsSet() {
    try (RemoteCacheMock mock =
        RemoteCacheMock.builder().port(0).adminToken("admin-secret").build().start()) {
      URI journal = URI.create(mock.baseUrl() + "/__admin/remote-cache/journal");
      assertEquals(401, send(HttpRequest.newBuilder(journal).GET()).statusCode());
      assertEquals(
          401,
          send(HttpRequest.newBuilder(journal).header("Authorization", "Bearer guess").GET())
              .statusCode());
      assertEquals(
          401,
          send(HttpRequest.newBuilder(URI.create(mock.baseUrl() + "/__admin/mappings")).GET())
              .statusCode(),
          "WireMock's own admin API is behind the same door");
      assertEquals(
          200,
          send(HttpRequest.newBuilder(journal).header("Authorization", "Bearer admin-secret").GET())
              .statusCode());
      assertEquals(
          200,
          send(authorizedPost(mock.baseUrl(), EVENTS, "[" + VALID_EVENT + "]")).statusCode(),
          "the API itself does not need the admin token");
    }
  }

  @Test
  void withoutAnAdminTokenOnlyThisMachineMayUseTheAdminApi() throws IOException {
    assertTrue(
        dev.remotecache.mock.internal.admin.AdminAccessPolicy.allows(null, "127.0.0.1", null));
    assertTrue(dev.remotecache.mock.internal.admin.AdminAccessPolicy.allows(null, "::1", null));
    assertTrue(
        !dev.remotecache.mock.internal.admin.AdminAccessPolicy.allows(null, "192.0.2.10", null),
        "a caller from another host is refused");
    assertTrue(
        dev.remotecache.mock.internal.admin.AdminAccessPolicy.allows(
            "t", "192.0.2.10", "Bearer t"));
    assertTrue(
        !dev.remotecache.mock.internal.admin.AdminAccessPolicy.allows("t", "127.0.0.1", null),
        "with a token, even this machine must present it");
  }
}
