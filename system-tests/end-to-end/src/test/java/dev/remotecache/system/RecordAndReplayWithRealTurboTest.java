package dev.remotecache.system;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.remotecache.contract.ContractHttp;
import dev.remotecache.contract.JUnitXmlReports;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Record and replay with real parts: the real turbo runs twice (miss and upload, then a remote hit)
 * through the mock jar's {@code --proxy --record} in front of the real third-party server
 * turborepo-remote-cache. Then the recording, played back as WireMock stubs, answers turbo as the
 * server did (remote hits, the same bytes restored), and {@code replay} of its corpus holds against
 * a fresh instance of that server and against the mock (exit 0), and fails naming the exchange
 * against a mock that answers downloads differently (exit 1).
 */
@Tag("system")
class RecordAndReplayWithRealTurboTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TEAM = "team_x";

  @Test
  void turbosTrafficRecordedFromARealServerPlaysBackAndReplays(
      @TempDir Path repo,
      @TempDir Path recording,
      @TempDir Path storage,
      @TempDir Path freshStorage,
      @TempDir Path reports)
      throws Exception {
    InteropPackages.install();
    RealClientsInteropTest.createTinyMonorepo(repo);
    Map<String, byte[]> built;
    long start = System.nanoTime();
    try (TurborepoRemoteCacheServer server =
        TurborepoRemoteCacheServer.start(storage, "turborepo-remote-cache-record.log")) {
      built = recordTwoRuns(repo, recording, server.baseUrl());
    }
    System.out.println(
        "[measure] turbo x2 through --proxy --record: "
            + (System.nanoTime() - start) / 1_000_000
            + " ms");

    List<JsonNode> corpus = corpus(recording);
    assertTrue(
        corpus.stream().anyMatch(e -> e.get("breaksContract").asBoolean()),
        "the third-party server's known deviations (200 on upload, ...) are recorded, marked");
    assertTrue(Files.list(recording.resolve("mappings")).count() >= 4, "stubs in mappings/");
    String download =
        corpus.stream()
            .filter(e -> e.get("operationId").asText().equals("downloadArtifact"))
            .filter(e -> e.get("answer").get("status").asInt() == 200)
            .map(e -> "#" + e.get("index").asLong() + " GET " + url(e))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no remote hit recorded: " + corpus));

    // The mock's --mappings holds every stub to the spec: this server's answers that break it
    // (a 200 for an upload's 202, ...) stop the start, named; plain WireMock serves them.
    Commands.Output refused =
        Commands.run(
            Path.of("."),
            Map.of(),
            60,
            MockProcess.command("--port", "0", "--mappings", recording.toString()));
    assertEquals(2, refused.exitCode(), refused.stdout() + refused.stderr());
    assertTrue(refused.stderr().contains("mappings/"), refused.stderr());

    // (1) Played back by WireMock from the recording alone: turbo misses and uploads, then hits,
    // and restores the very bytes the server gave it.
    WireMockServer playback =
        new WireMockServer(
            WireMockConfiguration.options()
                .dynamicPort()
                .bindAddress("127.0.0.1")
                .usingFilesUnderDirectory(recording.toString()));
    playback.start();
    try {
      String played = "http://127.0.0.1:" + playback.port();
      RealClientsInteropTest.deleteRecursively(repo.resolve(".turbo/cache"));
      deleteOutputs(repo);
      runTurbo(repo, played);
      RealClientsInteropTest.deleteRecursively(repo.resolve(".turbo/cache"));
      deleteOutputs(repo);
      runTurbo(repo, played);
      assertRemoteHits(repo);
      Map<String, byte[]> restored = outputs(repo);
      assertEquals(built.keySet(), restored.keySet());
      built.forEach((file, bytes) -> assertArrayEquals(bytes, restored.get(file), file));
    } finally {
      playback.stop();
    }

    // (2) replay: a fresh instance of the same server answers as recorded ...
    Path corpusFile = recording.resolve("corpus.jsonl");
    try (TurborepoRemoteCacheServer fresh =
        TurborepoRemoteCacheServer.start(freshStorage, "turborepo-remote-cache-replay.log")) {
      long replayStart = System.nanoTime();
      Commands.Output same = replay(corpusFile, fresh.baseUrl(), reports.resolve("server"));
      System.out.println(
          "[measure] replay of "
              + corpus.size()
              + " exchanges against turborepo-remote-cache: "
              + (System.nanoTime() - replayStart) / 1_000_000
              + " ms");
      assertEquals(0, same.exitCode(), same.stdout() + same.stderr());
    }
    // ... so does the mock, which meets the spec where the server did not ...
    try (MockProcess mock = MockProcess.started("--port", "0", "--quiet")) {
      Commands.Output mocked = replay(corpusFile, mock.baseUrl(), reports.resolve("mock"));
      assertEquals(0, mocked.exitCode(), mocked.stdout() + mocked.stderr());
      Map<String, String> cases =
          JUnitXmlReports.cases(reports.resolve("mock/remote-cache-check.xml"));
      assertEquals(
          corpus.size(),
          cases.keySet().stream().filter(k -> k.startsWith("remote-cache-check.exchanges")).count(),
          cases.toString());
    }
    // ... and a mock that answers downloads with 404 fails, naming the exchange.
    try (MockProcess changed = MockProcess.started("--port", "0", "--quiet")) {
      ContractHttp.send(
          HttpRequest.newBuilder(
                  URI.create(changed.baseUrl() + "/__admin/remote-cache/forced-responses"))
              .header("Content-Type", "application/json")
              .POST(
                  HttpRequest.BodyPublishers.ofString(
                      "{\"operationId\": \"downloadArtifact\", \"status\": 404}"))
              .build());
      Commands.Output broken = replay(corpusFile, changed.baseUrl(), reports.resolve("changed"));
      assertEquals(1, broken.exitCode(), broken.stdout() + broken.stderr());
      assertTrue(
          broken.stdout().contains(download + " answers as recorded: status 404, recorded 200"),
          broken.stdout());
      assertEquals(
          "status 404, recorded 200",
          JUnitXmlReports.cases(reports.resolve("changed/remote-cache-check.xml"))
              .get("remote-cache-check.exchanges " + download + " answers as recorded"));
    }
  }

  /**
   * The same round trip in front of a server that meets the spec (the mock jar itself): its
   * recording loads into the mock's {@code --mappings}, every stub held to the spec, and answers
   * turbo as the server did: a miss and an upload, then remote hits with the very bytes.
   */
  @Test
  void aRecordingOfAConformingServerPlaysBackInTheMock(@TempDir Path repo, @TempDir Path recording)
      throws Exception {
    InteropPackages.install();
    RealClientsInteropTest.createTinyMonorepo(repo);
    Map<String, byte[]> built;
    try (MockProcess server = MockProcess.started("--port", "0", "--quiet")) {
      built = recordTwoRuns(repo, recording, server.baseUrl());
    }
    assertTrue(
        corpus(recording).stream().noneMatch(e -> e.get("breaksContract").asBoolean()),
        "the mock meets the spec");
    try (MockProcess playback =
        MockProcess.started("--port", "0", "--quiet", "--mappings", recording.toString())) {
      RealClientsInteropTest.deleteRecursively(repo.resolve(".turbo/cache"));
      deleteOutputs(repo);
      runTurbo(repo, playback.baseUrl());
      RealClientsInteropTest.deleteRecursively(repo.resolve(".turbo/cache"));
      deleteOutputs(repo);
      runTurbo(repo, playback.baseUrl());
      assertRemoteHits(repo);
      Map<String, byte[]> restored = outputs(repo);
      assertEquals(built.keySet(), restored.keySet());
      built.forEach((file, bytes) -> assertArrayEquals(bytes, restored.get(file), file));
      // Every answer came from a stub: the upload was answered by one, never stored.
      JsonNode artifacts =
          JSON.readTree(
              ContractHttp.send(
                      HttpRequest.newBuilder(
                              URI.create(playback.baseUrl() + "/__admin/remote-cache/artifacts"))
                          .GET()
                          .build())
                  .body());
      assertEquals(0, artifacts.get("artifacts").size(), artifacts.toString());
    }
  }

  private static String url(JsonNode entry) {
    JsonNode request = entry.get("request");
    return request.get("path").asText()
        + (request.hasNonNull("query") ? "?" + request.get("query").asText() : "");
  }

  private static Commands.Output replay(Path corpus, String url, Path reports) throws Exception {
    return Commands.run(
        Path.of("."),
        Map.of(),
        180,
        MockProcess.command(
            "replay",
            "--corpus",
            corpus.toString(),
            "--url",
            url,
            "--token",
            TurborepoRemoteCacheServer.TOKEN,
            "--reports",
            reports.toString()));
  }

  private static void runTurbo(Path repo, String url) throws Exception {
    Commands.succeed(
        repo,
        RealClientsInteropTest.QUIET_TURBO,
        180,
        InteropPackages.bin("turbo").toString(),
        "run",
        "build",
        "--api=" + url,
        "--token=" + TurborepoRemoteCacheServer.TOKEN,
        "--team=" + TEAM,
        "--summarize");
  }

  private static void assertRemoteHits(Path repo) throws Exception {
    Path latest;
    try (Stream<Path> runs = Files.list(repo.resolve(".turbo/runs"))) {
      latest = runs.max(Comparator.comparing(p -> p.toFile().lastModified())).orElseThrow();
    }
    for (JsonNode task : JSON.readTree(latest.toFile()).get("tasks")) {
      JsonNode cache = task.get("cache");
      assertEquals("HIT", cache.get("status").asText(), task.get("taskId") + " " + cache);
      assertEquals("REMOTE", cache.get("source").asText(), task.get("taskId") + " " + cache);
    }
  }

  /** The build's outputs (packages/x/dist/...), by path. */
  private static Map<String, byte[]> outputs(Path repo) throws Exception {
    Map<String, byte[]> outputs = new java.util.TreeMap<>();
    try (Stream<Path> files = Files.walk(repo.resolve("packages"))) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        if (repo.relativize(file).toString().contains("/dist/")) {
          outputs.put(repo.relativize(file).toString(), Files.readAllBytes(file));
        }
      }
    }
    assertTrue(!outputs.isEmpty(), "the build wrote nothing under dist/");
    return outputs;
  }

  private static void deleteOutputs(Path repo) throws Exception {
    for (String name : List.of("a", "b")) {
      Path dist = repo.resolve("packages").resolve(name).resolve("dist");
      if (Files.exists(dist)) {
        RealClientsInteropTest.deleteRecursively(dist);
      }
    }
  }

  private static List<JsonNode> corpus(Path recording) throws Exception {
    List<JsonNode> entries = new ArrayList<>();
    for (String line : Files.readAllLines(recording.resolve("corpus.jsonl"))) {
      entries.add(JSON.readTree(line));
    }
    return entries;
  }

  /** Waits (bounded) until the recording holds {@code count} exchanges of {@code operationId}. */
  /**
   * Turbo twice through a recording proxy in front of {@code server}: a miss that uploads, then
   * (its local cache wiped) a remote hit; returns what the first run built.
   */
  private static Map<String, byte[]> recordTwoRuns(Path repo, Path recording, String server)
      throws Exception {
    try (MockProcess proxy =
        MockProcess.started(
            "--port", "0", "--proxy", server, "--record", recording.toString(), "--quiet")) {
      runTurbo(repo, proxy.baseUrl());
      Map<String, byte[]> built = outputs(repo);
      RealClientsInteropTest.deleteRecursively(repo.resolve(".turbo/cache"));
      runTurbo(repo, proxy.baseUrl());
      assertRemoteHits(repo);
      awaitRecorded(recording, "recordEvents", 2); // turbo sends its events after each run
      return built;
    }
  }

  private static void awaitRecorded(Path recording, String operationId, int count)
      throws Exception {
    Path file = recording.resolve("corpus.jsonl");
    for (int i = 0; i < 150; i++) {
      if (Files.exists(file)
          && corpus(recording).stream()
                  .filter(e -> e.get("operationId").asText().equals(operationId))
                  .count()
              >= count) {
        return;
      }
      Thread.sleep(100); // polls the file: it is the proxy's only sign of an exchange
    }
    throw new AssertionError(
        "fewer than " + count + " " + operationId + " exchanges recorded: " + corpus(recording));
  }
}
