package dev.remotecache.mock.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.remotecache.mock.RemoteCacheMock;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * {@code remote-cache-mock check} against a mock on a real port: its exit codes, its requirement
 * options, and its JUnit XML (parsed); and the same reports written by the mock itself on stop.
 */
class CheckCommandTest {

  private static final String EVENT =
      """
      [{"sessionId":"56699e9f-0892-44d5-b956-3f2ddfd4512e","source":"%s","event":"%s",\
      "hash":"6304b9faf99a2e19","duration":178}]""";

  private final HttpClient http = HttpClient.newHttpClient();
  private RemoteCacheMock mock;
  @TempDir Path reports;

  @BeforeEach
  void start() {
    mock = RemoteCacheMock.builder().port(0).build().start();
  }

  @AfterEach
  void stop() {
    mock.stop();
  }

  @Test
  void aCleanRunHoldsWithOnePassingCasePerOperationCalled() throws Exception {
    send("GET", "/v8/artifacts/status", null);
    send("PUT", "/v8/artifacts/abc", "bytes");
    send("HEAD", "/v8/artifacts/def", null);

    assertEquals(0, check());

    Map<String, String> cases = junitCases(reports.resolve("remote-cache-check.xml"));
    assertEquals(3, cases.size(), cases.toString());
    assertEquals(
        List.of(
            "remote-cache-check.operations artifactExists",
            "remote-cache-check.operations status",
            "remote-cache-check.operations uploadArtifact"),
        cases.keySet().stream().sorted().toList());
    assertTrue(cases.values().stream().allMatch(f -> f == null), cases.toString());
    String json = Files.readString(reports.resolve("remote-cache-check.json"));
    assertTrue(json.contains("\"holds\" : true"), json);
    String markdown = Files.readString(reports.resolve("remote-cache-check.md"));
    assertTrue(markdown.contains("**The contract holds**"), markdown);
    assertTrue(markdown.contains("| `uploadArtifact` | 1 | 202 |"), markdown);
  }

  @Test
  void aRejectedRequestBreaksItAndItsCaseNamesFieldRuleAndValue() throws Exception {
    send("POST", "/v8/artifacts/events", EVENT.formatted("remote", "HIT"));

    assertEquals(1, check());

    Map<String, String> cases = junitCases(reports.resolve("remote-cache-check.xml"));
    String rejection =
        cases.get("remote-cache-check.rejections rejected #1: POST /v8/artifacts/events");
    assertEquals("body /0/source: enum, expected [LOCAL, REMOTE], got remote", rejection);
    String operation = cases.get("remote-cache-check.operations recordEvents");
    assertEquals("1 of 1 requests broke the contract: body /0/source: enum", operation);
  }

  @Test
  void requirementsOfOperationsAnswersAndEvents() throws Exception {
    send("POST", "/v8/artifacts/events", EVENT.formatted("REMOTE", "HIT"));
    send("HEAD", "/v8/artifacts/def", null);

    assertEquals(
        0,
        check(
            "--require-operation", "recordEvents",
            "--require-response", "artifactExists:404",
            "--require-response", "recordEvents:2xx",
            "--require-event", "REMOTE:HIT",
            "--forbid-event", "MISS"));
    assertEquals(
        1,
        check(
            "--require-operation", "downloadArtifact",
            "--require-response", "uploadArtifact:4xx",
            "--require-event", "local:miss",
            "--forbid-event", "HIT"));

    Map<String, String> cases = junitCases(reports.resolve("remote-cache-check.xml"));
    assertEquals(
        "downloadArtifact was never called",
        cases.get("remote-cache-check.requirements --require-operation downloadArtifact"));
    assertEquals(
        "uploadArtifact never met a 4xx (never called)",
        cases.get("remote-cache-check.requirements --require-response uploadArtifact:4xx"));
    assertEquals(
        "no LOCAL:MISS event among the 1 recorded",
        cases.get("remote-cache-check.requirements --require-event LOCAL:MISS"));
    assertEquals(
        "1 HIT event(s) recorded, none allowed",
        cases.get("remote-cache-check.requirements --forbid-event HIT"));
  }

  @Test
  void aUrlWithAPathAsksTheMockAtItsRootAndIsNeverRecordedAsARejection() {
    UsageErrorsTest.Run run = UsageErrorsTest.run("check", "--url", mock.baseUrl() + "/some/path");

    assertEquals(0, run.exitCode(), run.lines().toString());
    assertTrue(
        run.lines().get(0).contains("asking it there, not under /some/path"),
        run.lines().toString());
    assertEquals(List.of(), mock.rejections(), "check's own probe is no rejection");
    assertEquals(0, check(), "a later run still holds");
  }

  @Test
  void rejectionsAndEventsTheJournalLimitDroppedAreCountedAndSaid() throws Exception {
    try (RemoteCacheMock small =
        RemoteCacheMock.builder().port(0).journalLimit(1).build().start()) {
      for (int i = 0; i < 3; i++) {
        send(small, "POST", "/v8/artifacts/events", EVENT.formatted("remote", "HIT"));
        send(small, "POST", "/v8/artifacts/events", EVENT.formatted("REMOTE", "HIT"));
      }
      List<String> args =
          List.of("check", "--url", small.baseUrl(), "--reports", reports.toString());

      assertEquals(1, MockServerCommand.run(args.toArray(String[]::new)));

      Map<String, String> cases = junitCases(reports.resolve("remote-cache-check.xml"));
      String dropped = cases.get("remote-cache-check.journal requests the journal limit dropped");
      assertTrue(
          dropped != null
              && dropped.contains("dropped the oldest 2 rejected requests")
              && dropped.contains("and 2 events"),
          cases.toString());
      String json = Files.readString(reports.resolve("remote-cache-check.json"));
      assertTrue(json.contains("\"rejectedCount\" : 3"), json);
      assertTrue(json.contains("\"droppedEvents\" : 2"), json);
      String markdown = Files.readString(reports.resolve("remote-cache-check.md"));
      assertTrue(markdown.contains("## Rejected requests: 3"), markdown);
    }
  }

  @Test
  void usageErrorsUnreachableMocksAndRefusedTokensExit2() throws Exception {
    assertEquals(2, check("--require-operation", "upload"), "not an operation of the spec");
    assertEquals(2, check("--require-response", "status:often"));
    assertEquals(2, check("--require-event", "REMOTE:SOMETIMES"));
    assertEquals(2, MockServerCommand.run("check", "--url", "ftp://127.0.0.1:1"));

    int port = mock.port();
    mock.stop();
    assertEquals(
        2,
        MockServerCommand.run("check", "--url", "http://127.0.0.1:" + port),
        "a mock that cannot be reached is never 0 violations");

    try (RemoteCacheMock guarded =
        RemoteCacheMock.builder().port(0).adminToken("admin-secret").build().start()) {
      // Loopback callers pass without a token only when no --admin-token is set.
      assertEquals(2, MockServerCommand.run("check", "--url", guarded.baseUrl()));
      assertEquals(
          2, MockServerCommand.run("check", "--url", guarded.baseUrl(), "--admin-token", "wrong"));
      assertEquals(
          0,
          MockServerCommand.run(
              "check", "--url", guarded.baseUrl(), "--admin-token", "admin-secret"));
    }
  }

  @Test
  void theMockWritesTheSameReportsWhenItStops(@TempDir Path onExit) throws Exception {
    try (RemoteCacheMock reporting =
        RemoteCacheMock.builder().port(0).reportOnExit(onExit).build().start()) {
      HttpRequest.Builder bad =
          HttpRequest.newBuilder(URI.create(reporting.baseUrl() + "/v8/artifacts/events"))
              .header("Authorization", "Bearer t")
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(EVENT.formatted("REMOTE", "hit")));
      http.send(bad.build(), HttpResponse.BodyHandlers.discarding());
    }
    Map<String, String> cases = junitCases(onExit.resolve("remote-cache-check.xml"));
    assertEquals(
        "body /0/event: enum, expected [HIT, MISS], got hit",
        cases.get("remote-cache-check.rejections rejected #1: POST /v8/artifacts/events"));
    assertTrue(
        Files.readString(onExit.resolve("remote-cache-check.json")).contains("\"holds\" : false"));
  }

  private int check(String... requirements) {
    List<String> args =
        new ArrayList<>(List.of("check", "--url", mock.baseUrl(), "--reports", reports.toString()));
    args.addAll(List.of(requirements));
    return MockServerCommand.run(args.toArray(String[]::new));
  }

  private void send(String method, String path, String body)
      throws IOException, InterruptedException {
    send(mock, method, path, body);
  }

  private void send(RemoteCacheMock target, String method, String path, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(target.baseUrl() + path))
            .header("Authorization", "Bearer t")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header(
          "Content-Type",
          path.endsWith("events") ? "application/json" : "application/octet-stream");
    }
    http.send(request.build(), HttpResponse.BodyHandlers.discarding());
  }

  /** Each test case's {@code classname name}, with its failure message or {@code null}. */
  static Map<String, String> junitCases(Path xml) throws Exception {
    var document = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile());
    NodeList cases = document.getElementsByTagName("testcase");
    Map<String, String> result = new LinkedHashMap<>();
    for (int i = 0; i < cases.getLength(); i++) {
      Element testCase = (Element) cases.item(i);
      NodeList failures = testCase.getElementsByTagName("failure");
      result.put(
          testCase.getAttribute("classname") + " " + testCase.getAttribute("name"),
          failures.getLength() == 0 ? null : ((Element) failures.item(0)).getAttribute("message"));
    }
    assertEquals(
        String.valueOf(cases.getLength()), document.getDocumentElement().getAttribute("tests"));
    return result;
  }
}
