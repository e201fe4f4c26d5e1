package dev.remotecache.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stored artifacts across a kill -9, and a SIGTERM that lets uploads in flight finish. */
class CrashSafetyTest {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @Test
  void aKillInTheMiddleOfUploadsLosesNoCompletedUploadAndShowsNoPartialOne(@TempDir Path storage)
      throws Exception {
    List<String> completed = new ArrayList<>();
    CompletableFuture<HttpResponse<String>> stalled;
    try (MockProcess mock =
        MockProcess.started("--port", "0", "--storage", storage.toString(), "--quiet")) {
      for (int i = 0; i < 20; i++) {
        String hash = "a" + i;
        HttpResponse<String> put =
            HTTP.send(
                upload(mock.baseUrl(), hash, HttpRequest.BodyPublishers.ofByteArray(content(hash))),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(202, put.statusCode(), put.body());
        completed.add(hash);
      }
      // One more upload whose body stops half way, and the process is killed while it waits.
      stalled =
          HTTP.sendAsync(
              upload(
                  mock.baseUrl(),
                  "stalled",
                  HttpRequest.BodyPublishers.fromPublisher(
                      HttpRequest.BodyPublishers.ofInputStream(
                          () -> new StallingStream(content("stalled"), 100_000)),
                      256 * 1024)),
              HttpResponse.BodyHandlers.ofString());
      Thread.sleep(500);
      mock.process().destroyForcibly(); // SIGKILL: no shutdown hook, no cleanup
      assertTrue(mock.process().waitFor(10, TimeUnit.SECONDS));
    }
    stalled.cancel(true); // its body never finishes; what matters is what the restarted mock shows

    try (MockProcess restarted =
        MockProcess.started("--port", "0", "--storage", storage.toString(), "--quiet")) {
      for (String hash : completed) {
        HttpResponse<byte[]> get =
            HTTP.send(download(restarted.baseUrl(), hash), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, get.statusCode(), hash);
        assertArrayEquals(content(hash), get.body(), hash + " comes back whole");
      }
      HttpResponse<byte[]> partial =
          HTTP.send(
              download(restarted.baseUrl(), "stalled"), HttpResponse.BodyHandlers.ofByteArray());
      assertEquals(404, partial.statusCode(), "an interrupted upload is absent, not partial");
    }
  }

  @Test
  void sigtermLetsAnUploadInFlightFinishThenExits(@TempDir Path storage) throws Exception {
    try (MockProcess mock =
        MockProcess.started("--port", "0", "--storage", storage.toString(), "--quiet")) {
      byte[] bytes = content("slow");
      CompletableFuture<HttpResponse<String>> slow =
          HTTP.sendAsync(
              upload(
                  mock.baseUrl(),
                  "slow",
                  HttpRequest.BodyPublishers.fromPublisher(
                      HttpRequest.BodyPublishers.ofInputStream(() -> new SlowStream(bytes)),
                      bytes.length)),
              HttpResponse.BodyHandlers.ofString());
      Thread.sleep(1500); // the upload is well under way (its body takes about 4 s)
      mock.process().destroy(); // SIGTERM
      HttpResponse<String> answer = slow.get(20, TimeUnit.SECONDS);
      assertEquals(202, answer.statusCode(), "the upload in flight was finished: " + answer.body());
      assertTrue(mock.process().waitFor(20, TimeUnit.SECONDS), "the mock exits after SIGTERM");
    }
    try (MockProcess restarted =
        MockProcess.started("--port", "0", "--storage", storage.toString(), "--quiet")) {
      HttpResponse<byte[]> get =
          HTTP.send(download(restarted.baseUrl(), "slow"), HttpResponse.BodyHandlers.ofByteArray());
      assertArrayEquals(content("slow"), get.body());
    }
  }

  private static HttpRequest upload(String base, String hash, HttpRequest.BodyPublisher body) {
    return HttpRequest.newBuilder(URI.create(base + "/v8/artifacts/" + hash + "?slug=crash"))
        .timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer t")
        .header("Content-Type", "application/octet-stream")
        .PUT(body)
        .build();
  }

  private static HttpRequest download(String base, String hash) {
    return HttpRequest.newBuilder(URI.create(base + "/v8/artifacts/" + hash + "?slug=crash"))
        .header("Authorization", "Bearer t")
        .GET()
        .build();
  }

  /** 256 KiB that depend on the hash, so a mixed-up or partial file cannot pass for another. */
  private static byte[] content(String hash) {
    byte[] seed = hash.getBytes(StandardCharsets.UTF_8);
    byte[] bytes = new byte[256 * 1024];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) (seed[i % seed.length] * 31 + i);
    }
    return bytes;
  }

  /** Sends {@code limit} bytes, then blocks (until the test's process kill cuts the connection). */
  private static final class StallingStream extends InputStream {
    private final byte[] bytes;
    private final int limit;
    private int position;

    StallingStream(byte[] bytes, int limit) {
      this.bytes = bytes;
      this.limit = limit;
    }

    @Override
    public int read() throws IOException {
      if (position >= limit) {
        try {
          Thread.sleep(30_000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        throw new IOException("stalled on purpose");
      }
      return bytes[position++] & 0xff;
    }
  }

  /** Sends its bytes over about four seconds. */
  private static final class SlowStream extends InputStream {
    private final byte[] bytes;
    private int position;

    SlowStream(byte[] bytes) {
      this.bytes = bytes;
    }

    @Override
    public int read() {
      if (position >= bytes.length) {
        return -1;
      }
      if (position % (bytes.length / 40) == 0) {
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return bytes[position++] & 0xff;
    }
  }
}
