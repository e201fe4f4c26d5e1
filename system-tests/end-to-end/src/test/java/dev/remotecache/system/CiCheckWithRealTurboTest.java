package dev.remotecache.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.remotecache.contract.ContractHttp;
import dev.remotecache.contract.JUnitXmlReports;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CI step a tool author writes, with the real turbo as the tool: start the mock jar (with
 * {@code --report-on-exit}), run turbo twice (miss and upload, then a remote hit), then {@code java
 * -jar remote-cache-mock.jar check}: exit 0, one passing JUnit case per operation turbo used, and a
 * coverage of exactly what turbo met; one request breaking the contract makes it exit 1 with a case
 * naming the violation; SIGTERM writes the mock's own reports; a stopped mock is exit 2.
 */
@Tag("system")
class CiCheckWithRealTurboTest {

  private static final String TOKEN = "secrettoken";
  private static final ObjectMapper JSON = new ObjectMapper();

  @BeforeAll
  static void installTurbo() throws Exception {
    InteropPackages.install();
  }

  @Test
  void checkPassesTurbosRunFailsABrokenRequestAndCannotReachAStoppedMock(
      @TempDir Path repo, @TempDir Path reports, @TempDir Path onExit) throws Exception {
    RealClientsInteropTest.createTinyMonorepo(repo);
    try (MockProcess mock =
        MockProcess.started(
            "--port", "0", "--token", TOKEN, "--report-on-exit", onExit.toString())) {
      String url = mock.baseUrl();
      runTurbo(repo, url);
      RealClientsInteropTest.deleteRecursively(repo.resolve(".turbo/cache"));
      runTurbo(repo, url);
      awaitEvents(url, 8);

      // The contract held: exit 0, one passing case per operation turbo used, requirements met.
      Commands.Output held =
          check(
              url,
              "--reports",
              reports.toString(),
              "--require-operation",
              "recordEvents",
              "--require-response",
              "downloadArtifact:404",
              "--require-event",
              "REMOTE:HIT");
      assertEquals(0, held.exitCode(), held.stdout() + held.stderr());
      assertTrue(
          held.stdout().startsWith("remote-cache-mock check: the contract holds"), held.stdout());
      Map<String, String> cases = JUnitXmlReports.cases(reports.resolve("remote-cache-check.xml"));
      assertEquals(
          List.of("downloadArtifact", "recordEvents", "status", "uploadArtifact"),
          operationCases(cases).keySet().stream().sorted().toList(),
          cases.toString());
      assertTrue(cases.values().stream().allMatch(f -> f == null), cases.toString());
      assertEquals(
          3,
          cases.keySet().stream()
              .filter(k -> k.startsWith("remote-cache-check.requirements"))
              .count());

      // Coverage: exactly the operations and answers turbo met (see real-clients.md): status 200,
      // GET misses (404) then hits (200), uploads 202, event batches 200; nothing else called.
      JsonNode coverage = admin(url, "coverage");
      Map<String, List<String>> met = new TreeMap<>();
      for (JsonNode operation : coverage.get("operations")) {
        if (operation.get("calls").asLong() > 0) {
          List<String> statuses = new ArrayList<>();
          operation.get("served").fieldNames().forEachRemaining(statuses::add);
          met.put(operation.get("operationId").asText(), statuses);
          assertEquals(0, operation.get("rejected").asLong(), operation.toString());
        }
      }
      assertEquals(
          Map.of(
              "status", List.of("200"),
              "downloadArtifact", List.of("200", "404"),
              "uploadArtifact", List.of("202"),
              "recordEvents", List.of("200")),
          met);
      assertEquals(0, coverage.get("unmatchedRequests").asLong());

      // One request breaking the contract: exit 1, and its case names field, rule and value.
      ContractHttp.send(
          HttpRequest.newBuilder(URI.create(url + "/v8/artifacts/events?slug=team_x"))
              .header("Authorization", "Bearer " + TOKEN)
              .header("Content-Type", "application/json")
              .POST(
                  HttpRequest.BodyPublishers.ofString(
                      """
                      [{"sessionId":"56699e9f-0892-44d5-b956-3f2ddfd4512e","source":"local",\
                      "event":"HIT","hash":"6304b9faf99a2e19","duration":178}]"""))
              .build());
      Commands.Output broken = check(url, "--reports", reports.toString());
      assertEquals(1, broken.exitCode(), broken.stdout() + broken.stderr());
      cases = JUnitXmlReports.cases(reports.resolve("remote-cache-check.xml"));
      String violation = "body /0/source: enum, expected [LOCAL, REMOTE], got local";
      assertEquals(
          violation,
          cases.get(
              "remote-cache-check.rejections rejected #1: POST /v8/artifacts/events?slug=team_x"),
          cases.toString());
      assertTrue(broken.stdout().contains(violation), broken.stdout());
      assertEquals(
          "1 of 3 requests broke the contract: body /0/source: enum",
          operationCases(cases).get("recordEvents"),
          "turbo's two batches and the broken one");

      // SIGTERM: the mock exits as a stopped server does, and its own report carries the verdict.
      mock.process().destroy();
      assertTrue(mock.process().waitFor(30, TimeUnit.SECONDS), "the mock did not stop on SIGTERM");
      int exit = mock.process().exitValue();
      assertTrue(exit == 143 || exit == 0, "exit code after SIGTERM: " + exit);
      Map<String, String> onExitCases =
          JUnitXmlReports.cases(onExit.resolve("remote-cache-check.xml"));
      assertEquals(
          violation,
          onExitCases.get(
              "remote-cache-check.rejections rejected #1: POST /v8/artifacts/events?slug=team_x"));
      assertEquals(operationCases(cases).keySet(), operationCases(onExitCases).keySet());
      JsonNode onExitJson = JSON.readTree(onExit.resolve("remote-cache-check.json").toFile());
      assertEquals(1, onExitJson.get("exitCode").asInt());
      assertTrue(Files.readString(onExit.resolve("remote-cache-check.md")).contains(violation));

      // Stopped: never "0 violations".
      Commands.Output unreachable = check(url);
      assertEquals(2, unreachable.exitCode(), unreachable.stdout() + unreachable.stderr());
      assertTrue(
          unreachable.stderr().contains("cannot reach the mock at " + url), unreachable.stderr());
    }
  }

  private static Commands.Output check(String url, String... options) throws Exception {
    List<String> args = new ArrayList<>(List.of("check", "--url", url));
    args.addAll(List.of(options));
    return Commands.run(
        Path.of("."), Map.of(), 120, MockProcess.command(args.toArray(String[]::new)));
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
        "--token=" + TOKEN,
        "--team=team_x");
  }

  /** turbo sends its events after the run, batched: wait for them (bounded). */
  private static void awaitEvents(String url, int expected) throws Exception {
    for (int i = 0; i < 100 && admin(url, "events").get("count").asInt() < expected; i++) {
      Thread.sleep(100);
    }
    assertEquals(expected, admin(url, "events").get("count").asInt());
  }

  private static JsonNode admin(String url, String route) throws Exception {
    return JSON.readTree(
        ContractHttp.send(
                HttpRequest.newBuilder(URI.create(url + "/__admin/remote-cache/" + route))
                    .GET()
                    .build())
            .body());
  }

  /** The operation cases, by operation, with their failure messages. */
  private static Map<String, String> operationCases(Map<String, String> cases) {
    Map<String, String> operations = new TreeMap<>();
    String prefix = "remote-cache-check.operations ";
    cases.forEach(
        (name, failure) -> {
          if (name.startsWith(prefix)) {
            operations.put(name.substring(prefix.length()), failure);
          }
        });
    return operations;
  }
}
