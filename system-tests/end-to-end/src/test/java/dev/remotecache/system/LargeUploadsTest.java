package dev.remotecache.system;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Large artifacts, many at once, against the standalone jar launched as the README says (its
 * default heap cap): with {@code --storage} every upload is kept and streamed (memory does not grow
 * with the artifacts), in memory every upload is kept or refused or evicted as documented; every
 * download that answers 200 is byte-identical, and no answer is a 5xx.
 */
@Tag("system")
class LargeUploadsTest {

  private static final int UPLOADS = 8;
  private static final long MB = 1024 * 1024;
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  @Test
  void eightConcurrentLargeUploadsToStorageAreAllKeptAndStreamed(@TempDir Path storage)
      throws Exception {
    try (MockProcess mock =
        MockProcess.started(
            "--port", "0", "--quiet", "--max-body-size", "200M", "--storage", storage.toString())) {
      List<Integer> uploads = uploadAll(mock.baseUrl());
      assertEquals(List.of(202, 202, 202, 202, 202, 202, 202, 202), uploads, mock.stderr());
      for (int i = 0; i < UPLOADS; i++) {
        assertEquals(200, downloadAndCompare(mock.baseUrl(), i), "artifact " + i);
      }
      long peak = peakResidentBytes(mock);
      System.out.printf(
          "[large-uploads] --storage: %d x ~%d MB, server JVM peak RSS %d MB%n",
          UPLOADS, size(0) / MB, peak / MB);
      assertTrue(
          peak < 512 * MB,
          "the server's memory must not hold the artifacts: peak RSS " + peak / MB + " MB");
      try (var files = Files.walk(storage)) {
        assertTrue(
            files.noneMatch(p -> p.getFileName().toString().startsWith(".upload-")),
            "no temporary file is left behind");
      }
    }
  }

  @Test
  void eightConcurrentLargeUploadsInMemoryAreKeptEvictedOrRefusedAsDocumented() throws Exception {
    try (MockProcess mock =
        MockProcess.started("--port", "0", "--quiet", "--max-body-size", "200M")) {
      List<Integer> uploads = uploadAll(mock.baseUrl());
      assertTrue(
          uploads.stream().allMatch(s -> s == 202 || s == 413),
          "kept or refused as documented: " + uploads + "\n" + mock.stderr());
      int kept = 0;
      for (int i = 0; i < UPLOADS; i++) {
        int status = downloadAndCompare(mock.baseUrl(), i);
        assertTrue(
            status == 200 || status == 404, "a kept artifact, or a miss once evicted: " + status);
        kept += status == 200 ? 1 : 0;
      }
      assertTrue(kept >= 1, "the newest artifacts stay");
      System.out.printf(
          "[large-uploads] in memory: %s uploaded, %d of %d kept, server JVM peak RSS %d MB%n",
          uploads, kept, UPLOADS, peakResidentBytes(mock) / MB);
      HttpResponse<String> stillThere =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(mock.baseUrl() + "/v8/artifacts/status"))
                  .header("Authorization", "Bearer t")
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(200, stillThere.statusCode(), "the mock is alive and well");
    }
  }

  /**
   * A full disk: a 32 MiB tmpfs the test mounts. That needs root: without it the test is skipped,
   * unless {@code -Dremotecache.requireRoot=true} (as {@code .ci/run} sets), which makes it a
   * failure.
   */
  @Test
  void aFullDiskIsA507AndKeepsNothingOfTheUpload(@TempDir Path parent) throws Exception {
    Path storage = Files.createDirectories(parent.resolve("small-disk"));
    Process mount =
        new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=32m", "tmpfs", storage.toString())
            .redirectErrorStream(true)
            .start();
    String why = new String(mount.getInputStream().readAllBytes());
    if (mount.waitFor() != 0) {
      String message = "cannot mount a tmpfs here (needs root): " + why.strip();
      if (Boolean.getBoolean("remotecache.requireRoot")) {
        fail(message + "; -Dremotecache.requireRoot=true: a test that cannot run is a failure");
      }
      Assumptions.abort(message);
    }
    try (MockProcess mock =
        MockProcess.started("--port", "0", "--quiet", "--storage", storage.toString())) {
      HttpResponse<String> small = put(mock.baseUrl(), "fits", 1024 * 1024);
      assertEquals(202, small.statusCode(), small.body());
      HttpResponse<String> tooBig = put(mock.baseUrl(), "toobig", 48 * MB);
      assertEquals(507, tooBig.statusCode(), tooBig.body());
      assertTrue(tooBig.body().contains("\"insufficient_storage\""), tooBig.body());
      assertEquals(
          404, downloadAndCompareSized(mock.baseUrl(), "toobig"), "nothing of it is served");
      try (var files = Files.walk(storage)) {
        assertTrue(
            files.noneMatch(
                p ->
                    p.getFileName().toString().startsWith(".upload-")
                        || p.getFileName().toString().startsWith("toobig")),
            "nothing of it is kept");
      }
      assertEquals(
          202, put(mock.baseUrl(), "fitsagain", 1024 * 1024).statusCode(), "the space came back");
    } finally {
      new ProcessBuilder("umount", "-l", storage.toString()).start().waitFor();
    }
  }

  private static HttpResponse<String> put(String baseUrl, String hash, long length)
      throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(baseUrl + "/v8/artifacts/" + hash + "?slug=disk"))
            .header("Authorization", "Bearer t")
            .header("Content-Type", "application/octet-stream")
            .PUT(
                HttpRequest.BodyPublishers.fromPublisher(
                    HttpRequest.BodyPublishers.ofInputStream(() -> new SeededBytes(7, length)),
                    length))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static int downloadAndCompareSized(String baseUrl, String hash) throws Exception {
    return HTTP.send(
            HttpRequest.newBuilder(URI.create(baseUrl + "/v8/artifacts/" + hash + "?slug=disk"))
                .header("Authorization", "Bearer t")
                .GET()
                .build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  private static long size(int i) {
    return 90 * MB + i * MB + 12_345;
  }

  private static String hash(int i) {
    return "large" + i;
  }

  private static List<Integer> uploadAll(String baseUrl) {
    List<CompletableFuture<Integer>> sent = new ArrayList<>();
    for (int i = 0; i < UPLOADS; i++) {
      int n = i;
      HttpRequest put =
          HttpRequest.newBuilder(URI.create(baseUrl + "/v8/artifacts/" + hash(n) + "?slug=big"))
              .header("Authorization", "Bearer t")
              .header("Content-Type", "application/octet-stream")
              .timeout(Duration.ofMinutes(3))
              .PUT(
                  HttpRequest.BodyPublishers.fromPublisher(
                      HttpRequest.BodyPublishers.ofInputStream(() -> new SeededBytes(n, size(n))),
                      size(n)))
              .build();
      sent.add(
          HTTP.sendAsync(put, HttpResponse.BodyHandlers.ofString())
              .thenApply(HttpResponse::statusCode));
    }
    return sent.stream().map(CompletableFuture::join).toList();
  }

  /** The download's status; when 200, its bytes must be the upload's. */
  private static int downloadAndCompare(String baseUrl, int i) throws Exception {
    HttpResponse<InputStream> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(baseUrl + "/v8/artifacts/" + hash(i) + "?slug=big"))
                .header("Authorization", "Bearer t")
                .timeout(Duration.ofMinutes(2))
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream body = response.body()) {
      if (response.statusCode() != 200) {
        body.readAllBytes();
        return response.statusCode();
      }
      assertEquals(
          String.valueOf(size(i)), response.headers().firstValue("Content-Length").orElse(null));
      assertArrayEquals(
          SeededBytes.sha256(i, size(i)), digest(body), "artifact " + i + " byte-identical");
    }
    return 200;
  }

  private static byte[] digest(InputStream in) throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    try (DigestInputStream digesting = new DigestInputStream(in, sha)) {
      digesting.transferTo(OutputStreamNull.INSTANCE);
    }
    return sha.digest();
  }

  /** The peak resident memory of the server JVM (the launcher's child, or the launcher itself). */
  private static long peakResidentBytes(MockProcess mock) throws IOException {
    ProcessHandle server =
        mock.process().toHandle().descendants().findFirst().orElse(mock.process().toHandle());
    for (String line : Files.readAllLines(Path.of("/proc/" + server.pid() + "/status"))) {
      if (line.startsWith("VmHWM:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
      }
    }
    return -1;
  }

  private static final class OutputStreamNull extends java.io.OutputStream {
    static final OutputStreamNull INSTANCE = new OutputStreamNull();

    @Override
    public void write(int b) {}

    @Override
    public void write(byte[] b, int off, int len) {}
  }
}
