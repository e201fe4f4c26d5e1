package dev.remotecache.system;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stored artifacts across a kill -9 of the server's JVM with an upload half received, and a SIGTERM
 * that lets an upload in flight finish. Each waits until the server has read part of the upload
 * before it kills or stops it ({@link PartialUpload}).
 */
@Tag("system")
class CrashSafetyTest {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static final long MIB = 1024 * 1024;

  @Test
  void aKillInTheMiddleOfUploadsLosesNoCompletedUploadAndShowsNoPartialOne(@TempDir Path storage)
      throws Exception {
    List<String> completed = new ArrayList<>();
    long completedBytes = 0;
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
        completedBytes += content(hash).length;
      }
      // One more upload, of 4 MiB: half of it sent, and the server's JVM killed once it has read
      // that half, with the upload half written.
      long before = bytesIn(storage);
      try (PartialUpload stalled =
          PartialUpload.begin(
              URI.create(mock.baseUrl() + "/v8/artifacts/stalled?slug=crash"), HEADERS, 4 * MIB)) {
        stalled.send(new SeededBytes(1, 4 * MIB), 2 * MIB);
        stalled.awaitReadByServer(Duration.ofSeconds(30));
        long written = bytesIn(storage) - before;
        assertTrue(
            written >= MIB,
            "the server has read 2 MiB of the upload, so most of it is in the folder: "
                + written
                + " bytes");
        mock.killServerJvm(); // SIGKILL: no shutdown hook, no cleanup
      }
    }

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
      long left = bytesIn(storage);
      assertTrue(
          left < completedBytes + MIB,
          "the half-written upload is removed at the next start: the folder holds "
              + left
              + " bytes for "
              + completedBytes
              + " bytes of artifacts");
      try (Stream<Path> files = Files.walk(storage)) {
        assertEquals(
            List.of(),
            files.filter(p -> p.getFileName().toString().startsWith(".upload-")).toList(),
            "no temporary file is left behind");
      }
    }
  }

  @Test
  void sigtermLetsAnUploadInFlightFinishThenExits(@TempDir Path storage) throws Exception {
    long length = 256 * 1024;
    try (MockProcess mock =
        MockProcess.started("--port", "0", "--storage", storage.toString(), "--quiet")) {
      SeededBytes bytes = new SeededBytes(2, length);
      try (PartialUpload slow =
          PartialUpload.begin(
              URI.create(mock.baseUrl() + "/v8/artifacts/slow?slug=crash"), HEADERS, length)) {
        slow.send(bytes, length / 2);
        slow.awaitReadByServer(Duration.ofSeconds(30)); // the upload is in flight
        mock.process().destroy(); // SIGTERM (to the launcher, which passes it on)
        mock.awaitServerStopping();
        PartialUpload.Answer answer = slow.finish(bytes);
        assertEquals(202, answer.status(), "the upload in flight was finished: " + answer.body());
      }
      assertTrue(mock.process().waitFor(20, TimeUnit.SECONDS), "the mock exits after SIGTERM");
    }
    try (MockProcess restarted =
        MockProcess.started("--port", "0", "--storage", storage.toString(), "--quiet")) {
      HttpResponse<byte[]> get =
          HTTP.send(download(restarted.baseUrl(), "slow"), HttpResponse.BodyHandlers.ofByteArray());
      assertEquals(200, get.statusCode());
      assertArrayEquals(
          SeededBytes.sha256(2, length),
          MessageDigest.getInstance("SHA-256").digest(get.body()),
          "the upload finished during the stop comes back whole");
    }
  }

  private static final Map<String, String> HEADERS =
      Map.of("Authorization", "Bearer t", "Content-Type", "application/octet-stream");

  /** The bytes of every regular file in {@code folder}, at any depth. */
  static long bytesIn(Path folder) throws IOException {
    try (Stream<Path> files = Files.walk(folder)) {
      long total = 0;
      for (Path file : files.toList()) {
        try {
          total += Files.isRegularFile(file) ? Files.size(file) : 0;
        } catch (NoSuchFileException renamedMeanwhile) {
          // a temporary file renamed into place while we walked: counted under its new name
        }
      }
      return total;
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
}
