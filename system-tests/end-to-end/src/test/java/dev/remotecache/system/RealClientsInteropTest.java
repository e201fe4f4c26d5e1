package dev.remotecache.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.remotecache.contract.ContractHttp;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real clients of the API, installed from npm (versions pinned in src/test/interop), against
 * the mock started from the standalone jar: turbo on a tiny monorepo, and every artifacts operation
 * of
 *
 * @vercel/sdk. Any request the mock rejects that the test did not mean to send fails it.
 *     <p>With {@code -Dremotecache.baseUrl=URL} they run against a mock already running there
 *     instead (CI: the container image), which must accept the token {@value #TOKEN}; each test
 *     empties its journal and store first.
 */
@Tag("system")
class RealClientsInteropTest {

  private static final Path INTEROP = InteropPackages.DIR;
  static final String TOKEN = "secrettoken";

  /** A mock started elsewhere (the container image in CI); empty: the test starts the jar. */
  private static final String RUNNING_MOCK = System.getProperty("remotecache.baseUrl", "");

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * turbo reports usage, checks for updates and phones home unless told not to; none of it is
   * wanted here.
   */
  static final Map<String, String> QUIET_TURBO =
      Map.of(
          "TURBO_TELEMETRY_DISABLED",
          "1",
          "DO_NOT_TRACK",
          "1",
          "TURBO_NO_UPDATE_NOTIFIER",
          "1",
          "TURBO_PRINT_VERSION_DISABLED",
          "1");

  private MockProcess mock;
  private String baseUrl;

  @BeforeAll
  static void installTheRealClients() throws Exception {
    InteropPackages.install();
  }

  @BeforeEach
  void startTheMock() throws Exception {
    if (RUNNING_MOCK.isEmpty()) {
      mock = MockProcess.started("--port", "0", "--token", TOKEN);
      baseUrl = mock.baseUrl();
    } else {
      baseUrl = RUNNING_MOCK.replaceAll("/+$", "");
      for (String recorded : List.of("/journal", "/artifacts")) {
        ContractHttp.send(
            HttpRequest.newBuilder(URI.create(baseUrl + "/__admin/remote-cache" + recorded))
                .DELETE()
                .build());
      }
    }
  }

  @AfterEach
  void stopTheMock() {
    if (mock != null) {
      mock.close();
    }
  }

  @Test
  void turboMissesUploadsThenHitsTheRemoteCache(@TempDir Path repo) throws Exception {
    createTinyMonorepo(repo);

    runTurbo(repo);
    deleteRecursively(
        repo.resolve(".turbo/cache")); // local cache gone: the next run must use the remote one
    runTurbo(repo);

    JsonNode summary = latestRunSummary(repo);
    for (JsonNode task : summary.get("tasks")) {
      JsonNode cache = task.get("cache");
      assertEquals("HIT", cache.get("status").asText(), task.get("taskId") + " " + cache);
      assertEquals("REMOTE", cache.get("source").asText(), task.get("taskId") + " " + cache);
    }

    JsonNode journal = awaitEvents(8);
    assertEquals(
        0,
        journal.get("rejections").size(),
        "turbo's requests must all meet the contract: " + journal.get("rejections"));
    List<String> events = new ArrayList<>();
    for (JsonNode batch : journal.get("batches")) {
      assertEquals("team_x", batch.get("slug").asText());
      for (JsonNode e : batch.get("events")) {
        events.add(e.get("source").asText() + " " + e.get("event").asText());
        if (e.get("event").asText().equals("HIT")) {
          JsonNode linked = batch.get("artifacts").get(e.get("hash").asText());
          assertEquals(
              linked.get("durationMs").asDouble(),
              e.get("duration").asDouble(),
              "a remote hit reports the duration the artifact was uploaded with");
        }
      }
    }
    events.sort(Comparator.naturalOrder());
    assertEquals(
        List.of(
            "LOCAL MISS",
            "LOCAL MISS",
            "LOCAL MISS",
            "LOCAL MISS",
            "REMOTE HIT",
            "REMOTE HIT",
            "REMOTE MISS",
            "REMOTE MISS"),
        events);
    assertEquals(2, admin("/artifacts").get("artifacts").size(), "one upload per task");
  }

  /**
   * turbo's {@code --preflight}: an OPTIONS before each download, upload and events call, which the
   * mock answers as the spec's CORS policy says; turbo sends its token on the real request only
   * when the answer allows {@code Authorization}, and the mock accepts only that token, so every
   * accepted call proves it came.
   */
  @Test
  void turboWithPreflightMissesUploadsThenHitsTheRemoteCache(@TempDir Path repo) throws Exception {
    createTinyMonorepo(repo);

    runTurbo(repo, "--preflight");
    deleteRecursively(repo.resolve(".turbo/cache"));
    runTurbo(repo, "--preflight");

    for (JsonNode task : latestRunSummary(repo).get("tasks")) {
      JsonNode cache = task.get("cache");
      assertEquals("HIT", cache.get("status").asText(), task.get("taskId") + " " + cache);
      assertEquals("REMOTE", cache.get("source").asText(), task.get("taskId") + " " + cache);
    }
    JsonNode journal = awaitEvents(8);
    assertEquals(
        0,
        journal.get("rejections").size(),
        "with its token on every call: " + journal.get("rejections"));

    Map<String, Integer> calls = new java.util.TreeMap<>();
    Map<String, Integer> preflights = new java.util.TreeMap<>();
    for (JsonNode r : admin("/requests").get("requests")) {
      if (r.get("answerClass").asText().equals("PREFLIGHT")) {
        assertEquals("OPTIONS", r.get("method").asText(), r.toString());
        preflights.merge(r.get("summary").asText(), 1, Integer::sum);
      } else {
        assertTrue(r.get("accepted").asBoolean(), r.toString());
        calls.merge(r.get("operationId").asText(), 1, Integer::sum);
      }
    }
    assertEquals(2, calls.get("uploadArtifact"), "one upload per task: " + calls);
    assertEquals(
        Map.of(
            "for GET (downloadArtifact)", calls.get("downloadArtifact"),
            "for PUT (uploadArtifact)", calls.get("uploadArtifact"),
            "for POST (recordEvents)", calls.get("recordEvents")),
        preflights,
        "one answered preflight before each download, upload and events call: " + calls);
  }

  @Test
  void vercelSdkRunsEveryArtifactsOperation() throws Exception {
    Commands.Output output =
        Commands.succeed(INTEROP, Map.of(), 120, "node", "sdk-flow.mjs", baseUrl, TOKEN);
    JsonNode report = JSON.readTree(output.stdout());

    for (String step :
        List.of(
            "status",
            "recordEventsWithHeaders",
            "recordEventsPlain",
            "uploadArtifact",
            "artifactExists",
            "downloadArtifact",
            "artifactQuery",
            "deleteAllArtifacts")) {
      assertTrue(report.get(step).get("ok").asBoolean(), step + ": " + report.get(step));
    }
    assertEquals("enabled", report.at("/status/value/status").asText());
    assertTrue(
        report.at("/downloadArtifact/value/identical").asBoolean(), "bytes come back unchanged");
    assertTrue(
        report
            .at("/uploadArtifact/value/urls/0")
            .asText()
            .contains("/v8/artifacts/98c044d0d967f207"));
    assertEquals(133, report.at("/artifactQuery/value/98c044d0d967f207/size").asInt());
    assertEquals(
        "Artifact not found",
        report.at("/artifactQuery/value/5bc34212a43b08fb/error/message").asText());
    assertEquals(1, report.at("/deleteAllArtifacts/value/deletedCount").asInt());
    assertEquals(404, report.at("/artifactExistsMissing/statusCode").asInt());
    assertEquals(404, report.at("/downloadArtifactMissing/statusCode").asInt());

    // The SDK sends a 51-character CI name unchecked; the mock refuses it and says exactly why.
    JsonNode refused = report.get("recordEventsTooLongCi");
    assertEquals(400, refused.get("statusCode").asInt(), refused.toString());
    JsonNode violation = JSON.readTree(refused.get("body").asText()).at("/error/violations/0");
    assertEquals(
        "header x-artifact-client-ci maxLength 50",
        violation.get("in").asText()
            + " "
            + violation.get("at").asText()
            + " "
            + violation.get("rule").asText()
            + " "
            + violation.get("expected").asText());

    JsonNode journal = admin("/journal");
    assertEquals(
        1,
        journal.get("rejections").size(),
        "only the deliberate violation: " + journal.get("rejections"));
    JsonNode withHeaders = journal.at("/batches/0");
    assertEquals("team_sdk", withHeaders.get("teamId").asText());
    assertEquals("sdk-team", withHeaders.get("slug").asText());
    assertEquals("GITHUB_ACTIONS", withHeaders.get("clientCi").asText());
    assertEquals(0, withHeaders.get("clientInteractive").asInt());
    assertEquals(1234.0, withHeaders.at("/events/0/duration").asDouble());
    assertTrue(
        withHeaders.at("/events/1/duration").isMissingNode(), "no duration sent, none recorded");
    JsonNode plain = journal.at("/batches/1");
    assertTrue(plain.get("teamId") == null && plain.get("clientCi") == null, plain.toString());
    assertEquals(12.5, plain.at("/events/0/duration").asDouble());
  }

  private void runTurbo(Path repo, String... moreOptions) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                INTEROP.resolve("node_modules/.bin/turbo").toString(),
                "run",
                "build",
                "--api=" + baseUrl,
                "--token=" + TOKEN,
                "--team=team_x",
                "--summarize"));
    command.addAll(List.of(moreOptions));
    Commands.succeed(repo, QUIET_TURBO, 180, command.toArray(String[]::new));
  }

  /** turbo sends its events after the run, batched: wait for them (bounded). */
  private JsonNode awaitEvents(int expected) throws Exception {
    JsonNode journal = admin("/journal");
    for (int i = 0; i < 100 && journal.get("eventCount").asInt() < expected; i++) {
      Thread.sleep(100);
      journal = admin("/journal");
    }
    assertEquals(expected, journal.get("eventCount").asInt(), journal.toPrettyString());
    return journal;
  }

  private JsonNode admin(String path) throws Exception {
    return JSON.readTree(
        ContractHttp.send(
                HttpRequest.newBuilder(URI.create(baseUrl + "/__admin/remote-cache" + path))
                    .GET()
                    .build())
            .body());
  }

  private static JsonNode latestRunSummary(Path repo) throws Exception {
    try (Stream<Path> runs = Files.list(repo.resolve(".turbo/runs"))) {
      Path latest = runs.max(Comparator.comparing(p -> p.toFile().lastModified())).orElseThrow();
      return JSON.readTree(latest.toFile());
    }
  }

  static void createTinyMonorepo(Path repo) throws Exception {
    String npmVersion = Commands.succeed(repo, Map.of(), 60, "npm", "--version").stdout().trim();
    Files.writeString(
        repo.resolve("package.json"),
        """
                {"name": "tiny-monorepo", "private": true, "packageManager": "npm@%s", "workspaces": ["packages/*"]}
                """
            .formatted(npmVersion));
    Files.writeString(
        repo.resolve("turbo.json"),
        """
                {"tasks": {"build": {"outputs": ["dist/**"]}}}
                """);
    for (String name : List.of("a", "b")) {
      Path pkg = Files.createDirectories(repo.resolve("packages").resolve(name));
      Files.writeString(
          pkg.resolve("package.json"),
          """
                    {"name": "%s", "version": "1.0.0", "scripts": {"build": "node build.js"}}
                    """
              .formatted(name));
      Files.writeString(
          pkg.resolve("build.js"),
          """
                    const fs = require("fs");
                    fs.mkdirSync("dist", {recursive: true});
                    fs.writeFileSync("dist/out.txt", "built %s\\n");
                    """
              .formatted(name));
    }
    Files.writeString(repo.resolve(".gitignore"), "node_modules\n.turbo\ndist\n");
    Map<String, String> git =
        Map.of(
            "GIT_AUTHOR_NAME",
            "test",
            "GIT_AUTHOR_EMAIL",
            "test@example.invalid",
            "GIT_COMMITTER_NAME",
            "test",
            "GIT_COMMITTER_EMAIL",
            "test@example.invalid");
    Commands.succeed(repo, Map.of(), 120, "npm", "install", "--no-audit", "--no-fund");
    Commands.succeed(repo, git, 60, "git", "init", "-q");
    Commands.succeed(repo, git, 60, "git", "add", "-A");
    Commands.succeed(repo, git, 60, "git", "commit", "-q", "-m", "tiny monorepo");
  }

  static void deleteRecursively(Path dir) throws Exception {
    if (!Files.exists(dir)) {
      throw new AssertionError("no local cache at " + dir + ": did turbo run?");
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
