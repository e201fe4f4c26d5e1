package dev.remotecache.mock.record;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.Json;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.sun.net.httpserver.HttpServer;
import dev.remotecache.mock.RemoteCacheMock;
import dev.remotecache.mock.StubRefused;
import dev.remotecache.mock.cli.MockServerCommand;
import dev.remotecache.mock.overrides.ForcedResponse;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * {@code --record} and {@code replay}, with real servers on real ports: a mock behind a recording
 * proxy, the recording played back by plain WireMock, and replayed against servers that answer as
 * recorded, better than recorded, and differently.
 */
class RecordAndReplayTest {

  private static final String SECRET = "s3cr3t-token-never-written";
  private static final String TEAM = "acme-web-team";
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aRecordingHoldsEveryExchangeAndPlaysBackAndReplays(@TempDir Path dir) throws Exception {
    Path recording = dir.resolve("rec");
    byte[] artifact = "artifact bytes \u0000\u0001\u00ff".getBytes(StandardCharsets.ISO_8859_1);
    String hash = "6304b9faf99a2e19";
    int exchanges;
    try (RemoteCacheMock server = RemoteCacheMock.builder().port(0).build().start();
        RemoteCacheMock proxy =
            RemoteCacheMock.builder()
                .port(0)
                .proxyTo(URI.create(server.baseUrl()))
                .recordTo(recording)
                .build()
                .start()) {
      String base = proxy.baseUrl();
      assertEquals(200, send(get(base, "/v8/artifacts/status")).statusCode());
      assertEquals(404, send(get(base, "/v8/artifacts/" + hash + "?slug=" + TEAM)).statusCode());
      assertEquals(202, send(put(base, hash, artifact)).statusCode());
      HttpResponse<byte[]> hit = send(get(base, "/v8/artifacts/" + hash + "?slug=" + TEAM));
      assertEquals(200, hit.statusCode());
      assertArrayEquals(artifact, hit.body());
      assertEquals(
          200,
          send(post(base, "/v8/artifacts?slug=" + TEAM, "{\"hashes\":[\"" + hash + "\"]}"))
              .statusCode());
      // At once: every exchange still gets its own files and a whole line.
      ExecutorService pool = Executors.newFixedThreadPool(8);
      List<Future<Integer>> uploads = new ArrayList<>();
      for (int i = 0; i < 24; i++) {
        String h = String.format("%016x", 0xabc000L + i);
        byte[] bytes = ("artifact " + i).repeat(1000 + i).getBytes(StandardCharsets.UTF_8);
        uploads.add(pool.submit(() -> send(put(base, h, bytes)).statusCode()));
      }
      for (Future<Integer> upload : uploads) {
        assertEquals(202, upload.get());
      }
      pool.shutdown();
      exchanges = 5 + uploads.size();
    }

    // corpus.jsonl: one whole line per exchange, indexes 1..N, verdicts, no token.
    List<String> lines = Files.readAllLines(recording.resolve("corpus.jsonl"));
    assertEquals(exchanges, lines.size());
    List<Long> indexes = new ArrayList<>();
    for (String line : lines) {
      JsonNode entry = JSON.readTree(line);
      indexes.add(entry.get("index").asLong());
      assertFalse(entry.get("breaksContract").asBoolean(), line);
      assertTrue(entry.get("verdicts").get("request").get("holds").asBoolean(), line);
      assertTrue(entry.get("verdicts").get("answer").get("holds").asBoolean(), line);
      assertEquals(
          List.of("Bearer REDACTED"),
          JSON.convertValue(entry.get("request").get("headers").get("authorization"), List.class));
    }
    assertEquals(
        java.util.stream.LongStream.rangeClosed(1, exchanges).boxed().toList(),
        indexes.stream().sorted().toList());
    JsonNode download = JSON.readTree(lines.get(3));
    assertEquals("downloadArtifact", download.get("operationId").asText());
    JsonNode body = download.get("answer").get("body");
    assertEquals(sha256(artifact), body.get("sha256").asText());
    assertArrayEquals(artifact, Files.readAllBytes(recording.resolve(body.get("file").asText())));
    assertNoFileContains(recording, SECRET);

    // mappings/: WireMock's own model; the miss then the hit as a scenario; bodies in __files/.
    Map<String, StubMapping> stubs = stubs(recording);
    assertEquals(exchanges, stubs.size(), "one stub per distinct answer: " + stubs.keySet());
    List<StubMapping> downloads =
        stubs.values().stream()
            .filter(s -> s.getRequest().getUrlPath().equals("/v8/artifacts/" + hash))
            .filter(s -> s.getRequest().getMethod().getName().equals("GET"))
            .sorted((a, b) -> a.getName().compareTo(b.getName()))
            .toList();
    assertEquals(2, downloads.size());
    assertEquals("Started", downloads.get(0).getRequiredScenarioState());
    assertEquals(
        downloads.get(0).getNewScenarioState(), downloads.get(1).getRequiredScenarioState());
    assertNull(downloads.get(1).getNewScenarioState(), "the last answer stays");
    assertEquals(
        BodyFilesName.of(sha256(artifact)), downloads.get(1).getResponse().getBodyFileName());
    assertTrue(Json.write(downloads.get(1)).contains("\"slug\""), "the team is matched on");
    assertFalse(Json.write(downloads.get(1)).toLowerCase().contains("authorization"));

    // Played back by plain WireMock: the miss, then (after the upload) the hit, byte for byte.
    WireMockServer wireMock =
        new WireMockServer(
            WireMockConfiguration.options()
                .dynamicPort()
                .bindAddress("127.0.0.1")
                .usingFilesUnderDirectory(recording.toString()));
    wireMock.start();
    try {
      String played = "http://127.0.0.1:" + wireMock.port();
      assertEquals(404, send(get(played, "/v8/artifacts/" + hash + "?slug=" + TEAM)).statusCode());
      assertEquals(202, send(put(played, hash, artifact)).statusCode());
      HttpResponse<byte[]> playedHit = send(get(played, "/v8/artifacts/" + hash + "?slug=" + TEAM));
      assertEquals(200, playedHit.statusCode());
      assertArrayEquals(artifact, playedHit.body());
      assertEquals(
          404,
          send(get(played, "/v8/artifacts/" + hash + "?slug=another-team")).statusCode(),
          "another team does not match the recorded one");
    } finally {
      wireMock.stop();
    }

    // Played back by the mock (--mappings), each stub held to the spec as it loads: the same.
    try (RemoteCacheMock playback =
        RemoteCacheMock.builder().port(0).mappings(recording).build().start()) {
      String played = playback.baseUrl();
      assertEquals(404, send(get(played, "/v8/artifacts/" + hash + "?slug=" + TEAM)).statusCode());
      assertEquals(202, send(put(played, hash, artifact)).statusCode());
      HttpResponse<byte[]> playedHit = send(get(played, "/v8/artifacts/" + hash + "?slug=" + TEAM));
      assertEquals(200, playedHit.statusCode());
      assertArrayEquals(artifact, playedHit.body());
      playback.verify().noRejections().noServerDeviations();
    }

    // replay: a fresh mock answers as recorded (exit 0, one passing case per exchange) ...
    Path corpus = recording.resolve("corpus.jsonl");
    try (RemoteCacheMock fresh = RemoteCacheMock.builder().port(0).build().start()) {
      Run held = replay(corpus, fresh.baseUrl(), dir.resolve("held"));
      assertEquals(0, held.exit(), held.out());
      Map<String, String> cases = cases(dir.resolve("held/remote-cache-check.xml"));
      assertEquals(
          exchanges,
          cases.keySet().stream()
              .filter(k -> k.startsWith("remote-cache-check.exchanges"))
              .count());
      assertTrue(cases.values().stream().allMatch(f -> f == null), cases.toString());
    }
    // ... one answering a download differently fails, naming the exchange and what differed ...
    try (RemoteCacheMock changed = RemoteCacheMock.builder().port(0).build().start()) {
      changed.forceResponse(ForcedResponse.of("downloadArtifact", 404));
      Run broken = replay(corpus, changed.baseUrl(), dir.resolve("broken"));
      assertEquals(1, broken.exit(), broken.out());
      String name = "#4 GET /v8/artifacts/" + hash + "?slug=" + TEAM + " answers as recorded";
      assertEquals(
          "status 404, recorded 200",
          cases(dir.resolve("broken/remote-cache-check.xml"))
              .get("remote-cache-check.exchanges " + name));
      assertTrue(broken.out().contains(name + ": status 404, recorded 200"), broken.out());
      assertTrue(
          Files.readString(dir.resolve("broken/remote-cache-check.md")).contains(name),
          "the Markdown report names it too");
    }
    // ... and a server that cannot be reached is exit 2.
    int closed;
    try (ServerSocket free = new ServerSocket(0)) {
      closed = free.getLocalPort();
    }
    Run unreachable = replay(corpus, "http://127.0.0.1:" + closed, null);
    assertEquals(2, unreachable.exit(), unreachable.out());
    assertTrue(unreachable.err().contains("cannot reach"), unreachable.err());
  }

  @Test
  void teamsAreReplacedWhenAskedAndStillReplay(@TempDir Path dir) throws Exception {
    Path recording = dir.resolve("rec");
    String hash = "0123456789abcdef";
    try (RemoteCacheMock server = RemoteCacheMock.builder().port(0).build().start();
        RemoteCacheMock proxy =
            RemoteCacheMock.builder()
                .port(0)
                .proxyTo(URI.create(server.baseUrl()))
                .recordTo(recording)
                .recordRedactTeams(true)
                .build()
                .start()) {
      assertEquals(202, send(put(proxy.baseUrl(), hash, new byte[] {1, 2, 3})).statusCode());
      assertEquals(
          200, send(get(proxy.baseUrl(), "/v8/artifacts/" + hash + "?slug=" + TEAM)).statusCode());
    }
    assertNoFileContains(recording, TEAM);
    assertNoFileContains(recording, SECRET);
    assertTrue(Files.readString(recording.resolve("corpus.jsonl")).contains("slug=team-1"));
    try (RemoteCacheMock fresh = RemoteCacheMock.builder().port(0).build().start()) {
      Run run = replay(recording.resolve("corpus.jsonl"), fresh.baseUrl(), null);
      assertEquals(0, run.exit(), run.out());
    }
  }

  @Test
  void answersThatBreakTheContractAreRecordedMarkedAndKnownOnReplay(@TempDir Path dir)
      throws Exception {
    HttpServer deviating = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    deviating.createContext(
        "/",
        exchange -> {
          byte[] body =
              "{\"status\":\"enabled\",\"version\":\"9\"}".getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    deviating.start();
    Path recording = dir.resolve("rec");
    String deviatingUrl = "http://127.0.0.1:" + deviating.getAddress().getPort();
    try {
      try (RemoteCacheMock proxy =
          RemoteCacheMock.builder()
              .port(0)
              .proxyTo(URI.create(deviatingUrl))
              .recordTo(recording)
              .build()
              .start()) {
        assertEquals(200, send(get(proxy.baseUrl(), "/v8/artifacts/status")).statusCode());
      }
      JsonNode entry = JSON.readTree(Files.readAllLines(recording.resolve("corpus.jsonl")).get(0));
      assertTrue(entry.get("breaksContract").asBoolean());
      assertEquals(
          "additionalProperties",
          entry.get("verdicts").get("answer").get("violations").get(0).get("rule").asText());
      StubMapping stub = stubs(recording).values().iterator().next();
      assertEquals(
          true, ((Map<?, ?>) stub.getMetadata().get("remoteCacheRecording")).get("breaksContract"));

      // Played back by the mock, a stub the spec does not allow is refused at load, named.
      StubRefused refused =
          assertThrows(
              StubRefused.class,
              () -> RemoteCacheMock.builder().port(0).mappings(recording).build().start().close());
      assertTrue(refused.stub().contains("000001-status-get.json"), refused.stub());

      // The same server again: the deviation is known, not new.
      Run same = replay(recording.resolve("corpus.jsonl"), deviatingUrl, null);
      assertEquals(0, same.exit(), same.out());
      // The mock, which meets the spec: it no longer deviates, nothing differs that matters.
      try (RemoteCacheMock fresh = RemoteCacheMock.builder().port(0).build().start()) {
        Run better = replay(recording.resolve("corpus.jsonl"), fresh.baseUrl(), null);
        assertEquals(0, better.exit(), better.out());
        // A recorded answer that broke the spec still pins its (documented) status.
        fresh.forceResponse(ForcedResponse.of("status", 500));
        Run other = replay(recording.resolve("corpus.jsonl"), fresh.baseUrl(), null);
        assertEquals(1, other.exit(), other.out());
        assertTrue(
            other
                .out()
                .contains(
                    "#1 GET /v8/artifacts/status answers as recorded: status 500, recorded 200"),
            other.out());
      }
    } finally {
      deviating.stop(0);
    }
  }

  @Test
  void recordingNeedsAProxyAndANewDirectory(@TempDir Path dir) throws Exception {
    Run noProxy = run("--port", "0", "--record", dir.toString());
    assertEquals(2, noProxy.exit());
    assertTrue(noProxy.err().contains("--record " + dir + ": needs --proxy URL"), noProxy.err());
    Files.writeString(dir.resolve("corpus.jsonl"), "{}\n");
    Run existing = run("--port", "0", "--proxy", "http://127.0.0.1:9", "--record", dir.toString());
    assertEquals(2, existing.exit());
    assertTrue(existing.err().contains("already holds a recording"), existing.err());
    Run unreadable =
        run(
            "replay",
            "--corpus",
            dir.resolve("corpus.jsonl").toString(),
            "--url",
            "http://127.0.0.1:9");
    assertEquals(2, unreadable.exit());
    assertTrue(unreadable.err().contains("line 1"), unreadable.err());
  }

  // ---------------------------------------------------------------------------------------------

  /** WireMock's bodyFileName of bytes with this SHA-256 (relative to __files/). */
  private static final class BodyFilesName {
    static String of(String sha256) {
      return sha256 + ".bin";
    }
  }

  private record Run(int exit, String out, String err) {}

  private static Run replay(Path corpus, String url, Path reports) {
    List<String> args =
        new ArrayList<>(List.of("replay", "--corpus", corpus.toString(), "--url", url));
    if (reports != null) {
      args.addAll(List.of("--reports", reports.toString()));
    }
    return run(args.toArray(String[]::new));
  }

  /** The command line in this JVM, its output captured. */
  private static synchronized Run run(String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
      int exit = MockServerCommand.run(args);
      return new Run(
          exit, stdout.toString(StandardCharsets.UTF_8), stderr.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }

  private static Map<String, StubMapping> stubs(Path recording) throws Exception {
    Map<String, StubMapping> stubs = new TreeMap<>();
    try (Stream<Path> files = Files.list(recording.resolve("mappings"))) {
      for (Path file : files.toList()) {
        assertTrue(file.toString().endsWith(".json"), "only whole mappings: " + file);
        stubs.put(
            file.getFileName().toString(), Json.read(Files.readString(file), StubMapping.class));
      }
    }
    return stubs;
  }

  private static void assertNoFileContains(Path recording, String text) throws Exception {
    try (Stream<Path> files = Files.walk(recording)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        assertFalse(
            new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains(text),
            file + " contains " + text);
      }
    }
  }

  private static Map<String, String> cases(Path junitXml) throws Exception {
    Map<String, String> cases = new TreeMap<>();
    NodeList nodes =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(junitXml.toFile())
            .getElementsByTagName("testcase");
    for (int i = 0; i < nodes.getLength(); i++) {
      Element c = (Element) nodes.item(i);
      NodeList failures = c.getElementsByTagName("failure");
      cases.put(
          c.getAttribute("classname") + " " + c.getAttribute("name"),
          failures.getLength() == 0 ? null : ((Element) failures.item(0)).getAttribute("message"));
    }
    return cases;
  }

  private static HttpRequest.Builder get(String base, String path) {
    return HttpRequest.newBuilder(URI.create(base + path))
        .header("Authorization", "Bearer " + SECRET)
        .GET();
  }

  private static HttpRequest.Builder put(String base, String hash, byte[] bytes) {
    return HttpRequest.newBuilder(URI.create(base + "/v8/artifacts/" + hash + "?slug=" + TEAM))
        .header("Authorization", "Bearer " + SECRET)
        .header("Content-Type", "application/octet-stream")
        .header("x-artifact-duration", "120")
        .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes));
  }

  private static HttpRequest.Builder post(String base, String path, String json) {
    return HttpRequest.newBuilder(URI.create(base + path))
        .header("Authorization", "Bearer " + SECRET)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json));
  }

  private static HttpResponse<byte[]> send(HttpRequest.Builder request) {
    try {
      return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
