package dev.remotecache.mock;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.remotecache.mock.internal.http.MockJson;
import dev.remotecache.mock.store.ArtifactMetadata;
import dev.remotecache.mock.store.DirectoryArtifactStore;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Artifacts kept in a directory: byte-identical across a restart, per team, never outside the
 * directory.
 */
class ArtifactStorageTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Test
  void artifactsSurviveARestartByteForByteWithTheirDurationAndTag(@TempDir Path storage)
      throws Exception {
    byte[] bytes = new byte[1024 * 1024];
    new Random(7).nextBytes(bytes);
    try (RemoteCacheMock first =
        RemoteCacheMock.builder().port(0).storage(storage).build().start()) {
      HttpResponse<String> put =
          HTTP.send(
              HttpRequest.newBuilder(
                      URI.create(first.baseUrl() + "/v8/artifacts/a66191471542fcd6?slug=team_x"))
                  .header("Authorization", "Bearer t")
                  .header("Content-Type", "application/octet-stream")
                  .header("x-artifact-duration", "201")
                  .header("x-artifact-tag", "dGFn")
                  .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(202, put.statusCode(), put.body());
    }
    try (RemoteCacheMock second =
        RemoteCacheMock.builder().port(0).storage(storage).build().start()) {
      HttpResponse<byte[]> get =
          HTTP.send(
              HttpRequest.newBuilder(
                      URI.create(second.baseUrl() + "/v8/artifacts/a66191471542fcd6?slug=team_x"))
                  .header("Authorization", "Bearer t")
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
      assertEquals(200, get.statusCode());
      assertArrayEquals(bytes, get.body());
      assertEquals("201", get.headers().firstValue("x-artifact-duration").orElseThrow());
      assertEquals("dGFn", get.headers().firstValue("x-artifact-tag").orElseThrow());

      HttpResponse<String> otherTeam =
          HTTP.send(
              HttpRequest.newBuilder(
                      URI.create(second.baseUrl() + "/v8/artifacts/a66191471542fcd6?slug=team_y"))
                  .header("Authorization", "Bearer t")
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(404, otherTeam.statusCode());
    }
  }

  @Test
  void anEmptyArtifactAndAThousandCharacterHashAreKeptLikeAnyOther(@TempDir Path storage)
      throws Exception {
    String longHash = "a1".repeat(500);
    for (Path directory : new Path[] {storage, null}) {
      try (RemoteCacheMock mock =
          RemoteCacheMock.builder().port(0).storage(directory).build().start()) {
        for (String hash : List.of("empty0", longHash)) {
          byte[] bytes = hash.equals("empty0") ? new byte[0] : new byte[] {1, 2, 3};
          HttpResponse<String> upload =
              HTTP.send(
                  HttpRequest.newBuilder(
                          URI.create(mock.baseUrl() + "/v8/artifacts/" + hash + "?slug=team"))
                      .header("Authorization", "Bearer t")
                      .header("Content-Type", "application/octet-stream")
                      .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
          assertEquals(202, upload.statusCode(), directory + " " + upload.body());
          HttpResponse<byte[]> download =
              HTTP.send(
                  HttpRequest.newBuilder(
                          URI.create(mock.baseUrl() + "/v8/artifacts/" + hash + "?slug=team"))
                      .header("Authorization", "Bearer t")
                      .GET()
                      .build(),
                  HttpResponse.BodyHandlers.ofByteArray());
          assertEquals(200, download.statusCode());
          assertArrayEquals(bytes, download.body());
        }
        assertTrue(
            mock.artifacts().stream().anyMatch(a -> a.hash().equals(longHash)),
            "listed under its own hash");
        assertEquals(2, mock.store().deleteAll("team"));
      }
    }
  }

  @Test
  void leftoverTemporaryFilesOfAnInterruptedUploadAreNeverVisible(@TempDir Path storage)
      throws Exception {
    DirectoryArtifactStore store = new DirectoryArtifactStore(storage, MockJson.mapper());
    store.put(
        "team", "abc", new java.io.ByteArrayInputStream(new byte[] {1, 2, 3}), 3, metadata(-1));
    Path teamDir;
    try (Stream<Path> dirs = Files.list(storage)) {
      teamDir = dirs.findFirst().orElseThrow();
    }
    // What a kill -9 in the middle of an upload leaves: a temporary file, never a published one;
    // and what a torn write (a power cut without fsync) could leave: an artifact without its end.
    Files.write(teamDir.resolve(".upload-123.tmp"), new byte[] {9, 9});
    byte[] whole = Files.readAllBytes(teamDir.resolve("abc.artifact"));
    Files.write(teamDir.resolve("half.artifact"), Arrays.copyOf(whole, whole.length - 3));

    DirectoryArtifactStore reopened = new DirectoryArtifactStore(storage, MockJson.mapper());
    assertEquals(List.of("abc"), reopened.list().stream().map(a -> a.hash()).toList());
    assertTrue(reopened.metadata("team", "half").isEmpty());
    try (Stream<Path> files = Files.list(teamDir)) {
      assertTrue(files.noneMatch(p -> p.getFileName().toString().startsWith(".upload-")));
    }
  }

  @Test
  void noHashOrTeamBecomesAPathOutsideTheDirectory(@TempDir Path root) throws IOException {
    Path storage = Files.createDirectories(root.resolve("storage"));
    DirectoryArtifactStore store = new DirectoryArtifactStore(storage, MockJson.mapper());
    for (String hash : List.of("../escape", "/etc/passwd", "..%2Fescape", "a/b", "", "a\\b")) {
      assertThrows(
          IllegalArgumentException.class,
          () ->
              store.put(
                  "team", hash, new java.io.ByteArrayInputStream(new byte[] {1}), 1, metadata(-1)),
          hash);
      assertTrue(store.metadata("team", hash).isEmpty());
    }
    store.put(
        "../../team",
        "abc",
        new java.io.ByteArrayInputStream(new byte[] {1}),
        1,
        metadata(-1)); // hex-encoded, not paths
    try (Stream<Path> everything = Files.walk(root)) {
      assertTrue(
          everything.allMatch(p -> p.startsWith(storage) || p.equals(root)),
          "nothing written outside " + storage);
    }
    assertEquals(1, store.metadata("../../team", "abc").orElseThrow().size());
  }

  @Test
  void strayEntriesAndCorruptFilesAreIgnoredNeverFatal(@TempDir Path storage) throws Exception {
    Files.createDirectories(storage.resolve("lost+found")); // every mounted volume has one
    Files.writeString(storage.resolve("README.txt"), "not an artifact");
    Path teamDir = Files.createDirectories(storage.resolve("7465616d")); // "team", hex-encoded
    Files.writeString(teamDir.resolve("notes.txt"), "not an artifact");
    Files.writeString(teamDir.resolve("corrupt.artifact"), "{\"size\": no JSON");
    Files.writeString(teamDir.resolve("old.json"), "{\"size\":1}"); // the older two-file layout
    Files.write(teamDir.resolve("old.bin"), new byte[] {1});
    Files.createDirectories(teamDir.resolve("folder.artifact"));
    try (RemoteCacheMock mock =
        RemoteCacheMock.builder().port(0).storage(storage).build().start()) {
      String base = mock.baseUrl();
      assertEquals(
          202, send(put(base + "/v8/artifacts/good?slug=team", new byte[] {7})).statusCode());
      HttpResponse<String> listed =
          send(HttpRequest.newBuilder(URI.create(base + "/__admin/remote-cache/artifacts")));
      assertEquals(200, listed.statusCode(), listed.body());
      assertEquals(List.of("good"), Http.json(listed).at("/artifacts").findValuesAsText("hash"));
      for (String hash : List.of("corrupt", "folder", "old")) {
        HttpResponse<String> miss = send(authorized(base + "/v8/artifacts/" + hash + "?slug=team"));
        assertEquals(404, miss.statusCode(), hash + ": " + miss.body());
        assertEquals("not_found", Http.json(miss).at("/error/code").asText());
      }
      HttpResponse<String> deleted = send(authorized(base + "/v8/artifacts?slug=team").DELETE());
      assertEquals(200, deleted.statusCode(), deleted.body());
      assertEquals(1, Http.json(deleted).at("/deletedCount").asInt());
      HttpResponse<String> reset =
          send(
              HttpRequest.newBuilder(URI.create(base + "/__admin/remote-cache/artifacts"))
                  .DELETE());
      assertEquals(200, reset.statusCode(), reset.body());
      assertTrue(Files.isDirectory(storage.resolve("lost+found")), "a stray entry is left alone");
      assertEquals(
          202, send(put(base + "/v8/artifacts/corrupt?slug=team", new byte[] {8})).statusCode());
      assertEquals(200, send(authorized(base + "/v8/artifacts/corrupt?slug=team")).statusCode());
    }
  }

  @Test
  void aStrayEntryIsWarnedAboutOnceNotOnEveryListing(@TempDir Path storage) throws Exception {
    Files.createDirectories(storage.resolve("lost+found"));
    DirectoryArtifactStore store = new DirectoryArtifactStore(storage, MockJson.mapper());
    java.io.PrintStream err = System.err;
    java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
    System.setErr(new java.io.PrintStream(log, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      for (int i = 0; i < 3; i++) {
        assertEquals(List.of(), store.list());
      }
    } finally {
      System.setErr(err);
    }
    String warnings = log.toString(java.nio.charset.StandardCharsets.UTF_8);
    assertEquals(1, warnings.split("lost\\+found", -1).length - 1, warnings);
    assertTrue(warnings.contains("WARN"), warnings);
  }

  @Test
  void aStoreFailureIsLoggedOnceWithItsPathAndTheRequestInTheApiAndTheAdminApi(@TempDir Path parent)
      throws Exception {
    Path storage = Files.createDirectories(parent.resolve("artifacts"));
    try (RemoteCacheMock mock =
        RemoteCacheMock.builder().port(0).storage(storage).build().start()) {
      Files.delete(storage);
      Files.writeString(storage, "a file where the storage folder was");
      assertFailureLoggedOnce(
          put(mock.baseUrl() + "/v8/artifacts/abc?slug=team", new byte[] {1}),
          "PUT /v8/artifacts/abc?slug=team",
          parent,
          storage);
      assertFailureLoggedOnce(
          HttpRequest.newBuilder(URI.create(mock.baseUrl() + "/__admin/remote-cache/artifacts")),
          "GET /__admin/remote-cache/artifacts",
          parent,
          storage);
    }
  }

  /** The request fails in the store: a 500 in the error shape, and one log line with the path. */
  private static void assertFailureLoggedOnce(
      HttpRequest.Builder request, String named, Path parent, Path storage) throws Exception {
    java.io.PrintStream err = System.err;
    java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
    System.setErr(new java.io.PrintStream(log, true, java.nio.charset.StandardCharsets.UTF_8));
    HttpResponse<String> answer;
    try {
      answer = send(request);
    } finally {
      System.setErr(err);
    }
    assertEquals(500, answer.statusCode(), answer.body());
    assertEquals("internal_server_error", Http.json(answer).at("/error/code").asText());
    assertTrue(!answer.body().contains(parent.toString()), "no host path: " + answer.body());
    String logged = log.toString(java.nio.charset.StandardCharsets.UTF_8);
    List<String> entries = // a log entry's first line names its level (slf4j's or JUL's)
        logged
            .lines()
            .filter(line -> line.matches("^(\\[[^]]+] )?(ERROR|WARN|SEVERE|WARNING)\\b.*"))
            .toList();
    assertEquals(1, entries.size(), "logged once: " + logged);
    assertTrue(entries.get(0).contains("ERROR"), logged);
    assertTrue(entries.get(0).contains(named), "the request: " + logged);
    assertTrue(logged.contains(storage.toString()), "the path: " + logged);
  }

  @Test
  void aTeamIdOfAnyLengthKeepsItsArtifacts(@TempDir Path storage) throws Exception {
    String team = "team_" + "\u00e9quipe-".repeat(40); // 300+ bytes: no file name that long
    String scope =
        "?slug=" + java.net.URLEncoder.encode(team, java.nio.charset.StandardCharsets.UTF_8);
    try (RemoteCacheMock mock =
        RemoteCacheMock.builder().port(0).storage(storage).build().start()) {
      String base = mock.baseUrl();
      HttpResponse<String> stored =
          send(put(base + "/v8/artifacts/abc" + scope, new byte[] {1, 2}));
      assertEquals(202, stored.statusCode(), stored.body());
      HttpResponse<String> got = send(authorized(base + "/v8/artifacts/abc" + scope));
      assertEquals(200, got.statusCode(), got.body());
      assertEquals(team, mock.artifacts().get(0).team());
      assertEquals(404, send(authorized(base + "/v8/artifacts/abc?slug=team_")).statusCode());
      HttpResponse<String> deleted = send(authorized(base + "/v8/artifacts" + scope).DELETE());
      assertEquals(200, deleted.statusCode(), deleted.body());
      assertEquals(1, Http.json(deleted).at("/deletedCount").asInt());
    }
  }

  private static HttpRequest.Builder authorized(String url) {
    return HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer t");
  }

  private static HttpRequest.Builder put(String url, byte[] bytes) {
    return authorized(url)
        .header("Content-Type", "application/octet-stream")
        .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes));
  }

  private static HttpResponse<String> send(HttpRequest.Builder request)
      throws IOException, InterruptedException {
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static ArtifactMetadata metadata(long size) {
    return new ArtifactMetadata(size, BigDecimal.TEN, null, null, null, null, Instant.EPOCH);
  }
}
