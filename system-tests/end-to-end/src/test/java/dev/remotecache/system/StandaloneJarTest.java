package dev.remotecache.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.remotecache.client.RemoteCacheClient;
import dev.remotecache.client.model.CacheEventType;
import dev.remotecache.client.model.CacheSource;
import dev.remotecache.client.model.CacheUsageEvent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The standalone jar, run the way the README runs it: its command line, its output, its exit codes.
 */
@Tag("system")
class StandaloneJarTest {

  private final List<MockProcess> started = new ArrayList<>();

  @AfterEach
  void stopAll() {
    started.forEach(MockProcess::close);
  }

  @Test
  void helpDescribesTheOptionsAndExitsZero() throws Exception {
    Result result = runToEnd("--help");
    assertEquals(0, result.exitCode());
    for (String expected : List.of("--port", "--host", "--token", "--help", "Exit codes")) {
      assertTrue(
          result.stdout().contains(expected), expected + " missing from:\n" + result.stdout());
    }
  }

  @Test
  void aWrongOptionExitsTwoAndSaysWhy() throws Exception {
    Result result = runToEnd("--prot", "8080");
    assertEquals(2, result.exitCode());
    assertTrue(result.stderr().contains("--prot"), result.stderr());
    assertTrue(
        result.stderr().lines().count() <= 3,
        "the error, not the whole help after it:\n" + result.stderr());
    assertTrue(result.stderr().contains("--help"), result.stderr());
  }

  @Test
  void versionPrintsTheVersion() throws Exception {
    Result result = runToEnd("--version");
    assertEquals(0, result.exitCode(), result.stderr());
    assertTrue(result.stdout().startsWith("remote-cache-mock "), result.stdout());
  }

  @Test
  void startsPrintsItsUrlLogsEachRequestAndStopsOnSigterm() throws Exception {
    long launched = System.nanoTime();
    MockProcess mock = MockProcess.started("--port", "0");
    started.add(mock);
    String url = mock.baseUrl();

    RemoteCacheClient.artifacts(url, "any-token")
        .recordEvents(
            List.of(
                new CacheUsageEvent()
                    .sessionId(UUID.randomUUID())
                    .source(CacheSource.LOCAL)
                    .event(CacheEventType.HIT)
                    .hash("abc")),
            null,
            null,
            null,
            "team");
    long firstAnswerMillis = (System.nanoTime() - launched) / 1_000_000;
    System.out.println(
        "[measure] standalone jar: launch to first answered request " + firstAnswerMillis + " ms");

    String logLine = mock.nextLine();
    assertTrue(logLine.contains("POST /v8/artifacts/events?slug=team  200 accepted"), logLine);

    mock.process().destroy(); // SIGTERM
    assertTrue(mock.process().waitFor(15, TimeUnit.SECONDS), "the mock did not stop on SIGTERM");
    int exit = mock.process().exitValue();
    assertTrue(exit == 0 || exit == 143, "exit code after SIGTERM: " + exit);
  }

  @Test
  void shutdownOverTheAdminApiEndsBothJvmsWritesTheReportAndExitsZero(@TempDir Path reports)
      throws Exception {
    MockProcess mock = MockProcess.started("--port", "0", "--report-on-exit", reports.toString());
    started.add(mock);
    // The launcher's JVM and the server's: both must end.
    List<ProcessHandle> server = mock.process().descendants().toList();
    assertTrue(!server.isEmpty(), "the launcher started the server's JVM");
    CompletableFuture<?> serverGone =
        CompletableFuture.allOf(
            server.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new));

    HttpResponse<String> answer =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(mock.baseUrl() + "/__admin/shutdown"))
                    .timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(200, answer.statusCode(), answer.body());

    // A generous bound, as a guard against a hang only: the exit is the event waited for.
    assertTrue(
        mock.process().waitFor(60, TimeUnit.SECONDS),
        "the mock did not exit after POST /__admin/shutdown; stderr:\n" + mock.stderr());
    assertEquals(0, mock.process().exitValue(), mock.stderr());
    serverGone.get(10, TimeUnit.SECONDS);
    assertTrue(server.stream().noneMatch(ProcessHandle::isAlive), "the server JVM: " + server);
    for (String report :
        List.of("remote-cache-check.xml", "remote-cache-check.json", "remote-cache-check.md")) {
      assertTrue(Files.isRegularFile(reports.resolve(report)), report + ": " + mock.stderr());
    }
  }

  @Test
  void aPortInUseExitsOneWithAReason() throws Exception {
    MockProcess first = MockProcess.started("--port", "0");
    started.add(first);
    String url = first.baseUrl();
    String port = url.substring(url.lastIndexOf(':') + 1);

    Result second = runToEnd("--port", port);
    assertEquals(1, second.exitCode(), second.stderr());
    assertTrue(second.stderr().contains("cannot listen on 127.0.0.1:" + port), second.stderr());
    assertTrue(second.stderr().contains("--port 0"), "a hint what to do: " + second.stderr());
  }

  @Test
  void boundBeyondThisMachineWithoutATokenItWarnsLoudly() throws Exception {
    MockProcess exposed = MockProcess.start("--host", "0.0.0.0", "--port", "0");
    started.add(exposed);
    assertTrue(exposed.nextLine().startsWith("http://0.0.0.0:"));
    awaitListeningLine(exposed);
    assertTrue(
        exposed.stderr().contains("WARNING: listening on 0.0.0.0 with no --token"),
        exposed.stderr());

    MockProcess local = MockProcess.started("--port", "0");
    started.add(local);
    awaitListeningLine(local);
    assertTrue(!local.stderr().contains("WARNING"), local.stderr());
  }

  /**
   * Until the mock's "listening" line is on its stderr: a warning about where it listens comes
   * before it.
   */
  private static void awaitListeningLine(MockProcess mock) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!mock.stderr().contains("remote-cache-mock: listening;")) {
      assertTrue(System.nanoTime() < deadline, "no listening line within 30 s: " + mock.stderr());
      assertTrue(mock.process().isAlive(), "the mock exited: " + mock.stderr());
      Thread.sleep(20); // polls the pumped stderr
    }
  }

  private record Result(int exitCode, String stdout, String stderr) {}

  private Result runToEnd(String... args) throws Exception {
    Process process = new ProcessBuilder(MockProcess.command(args)).start();
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the jar did not exit");
    return new Result(
        process.exitValue(),
        new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
        new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
  }
}
