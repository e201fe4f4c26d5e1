package dev.remotecache.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
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
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar remote-cache-mock.jar} starts the server in a JVM of its own (see Launcher): the
 * options it gets, that it never outlives the launcher, and that no cache can stop it from
 * starting.
 */
@Tag("system")
class LauncherProcessTest {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final List<Process> started = new ArrayList<>();

  @AfterEach
  void stopAll() {
    for (Process p : started) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
  }

  @Test
  void theServerRunsInAChildJvmWithTheDefaultsAndTheUsersOptionsWin() throws Exception {
    Launched mock =
        launch(List.of("-Xmx300m", "-Dremotecache.test.marker=1"), Map.of(), MockProcess.JAR);
    ProcessHandle server = onlyChild(mock.process());
    List<String> arguments = List.of(server.info().arguments().orElseThrow());
    assertTrue(arguments.contains("-XX:+UseParallelGC"), arguments.toString());
    assertTrue(arguments.contains("-Dremotecache.test.marker=1"), arguments.toString());
    assertFalse(
        arguments.contains("-Xmx384m"), "the user's -Xmx replaces the default: " + arguments);
    assertTrue(
        arguments.indexOf("-Xmx300m") > arguments.indexOf("-XX:+UseParallelGC"),
        arguments.toString());
    assertTrue(
        arguments.stream().anyMatch(a -> a.startsWith("-XX:AOTCache="))
            || Runtime.version().feature() < 25
            || !Files.exists(aotCacheBeside(MockProcess.JAR)),
        "the AOT cache trained at package time: " + arguments);
    assertEquals(200, recordEvent(mock.baseUrl()));
  }

  @Test
  void turnedOffTheServerRunsInTheLaunchersJvm() throws Exception {
    Launched mock =
        launch(List.of(), Map.of("REMOTE_CACHE_MOCK_RELAUNCH", "false"), MockProcess.JAR);
    assertEquals(200, recordEvent(mock.baseUrl()));
    assertEquals(0, mock.process().children().count(), "no child JVM");
  }

  @Test
  void sigtermStopsTheServerCleanlyAndTheLauncherExitsWithItsCode() throws Exception {
    Launched mock = launch(List.of(), Map.of(), MockProcess.JAR);
    ProcessHandle server = onlyChild(mock.process());
    CompletableFuture<ProcessHandle> serverExit = server.onExit();
    mock.process().destroy(); // SIGTERM to the launcher only
    assertTrue(mock.process().waitFor(20, TimeUnit.SECONDS));
    serverExit.get(5, TimeUnit.SECONDS);
    int exit = mock.process().exitValue();
    assertTrue(exit == 0 || exit == 143, "the server's exit code after SIGTERM: " + exit);
  }

  @Test
  void killingTheLauncherWithSigkillTakesTheServerDownPromptly() throws Exception {
    Launched mock = launch(List.of(), Map.of(), MockProcess.JAR);
    ProcessHandle server = onlyChild(mock.process());
    assertEquals(200, recordEvent(mock.baseUrl()));
    long killed = System.nanoTime();
    mock.process().destroyForcibly(); // SIGKILL: none of the launcher's code runs
    server.onExit().get(5, TimeUnit.SECONDS);
    System.out.println(
        "[measure] server gone "
            + (System.nanoTime() - killed) / 1_000_000
            + " ms after kill -9 of the launcher");
    assertThrows(() -> recordEvent(mock.baseUrl()));
  }

  @Test
  void aDamagedOrForeignCacheOrAnUnwritableCacheFolderStillStartsWithoutAWord(@TempDir Path dir)
      throws Exception {
    Path jar = Files.copy(MockProcess.JAR, dir.resolve("remote-cache-mock.jar"));
    Path userCache = dir.resolve("user-cache");
    Map<String, String> env = Map.of("REMOTE_CACHE_MOCK_CACHE_DIR", userCache.toString());

    // No AOT cache beside this copy: a dynamic archive, written when the server stops.
    Launched first = launch(List.of(), env, jar);
    assertEquals(200, recordEvent(first.baseUrl()));
    stop(first);
    assertQuiet(first);
    List<Path> archives;
    try (var files = Files.list(userCache)) {
      archives = files.filter(f -> f.toString().endsWith(".jsa")).toList();
    }
    assertEquals(1, archives.size(), "the dynamic archive: " + archives);

    // The archive damaged: the JVM rejects it, silently, and starts as without one.
    Files.writeString(archives.get(0), "damaged");
    Launched damagedArchive = launch(List.of(), env, jar);
    assertEquals(200, recordEvent(damagedArchive.baseUrl()));
    stop(damagedArchive);
    assertQuiet(damagedArchive);

    // An AOT cache with this JDK's name that is garbage (or another build's): the same.
    Files.writeString(aotCacheBeside(jar), "not an AOT cache");
    Launched damagedAot = launch(List.of(), env, jar);
    assertEquals(200, recordEvent(damagedAot.baseUrl()));
    stop(damagedAot);
    assertQuiet(damagedAot);

    // A cache folder that cannot be created: no archive, a normal start.
    Files.delete(aotCacheBeside(jar));
    Path notADir = Files.writeString(dir.resolve("file"), "x");
    Launched unwritable =
        launch(
            List.of(),
            Map.of("REMOTE_CACHE_MOCK_CACHE_DIR", notADir.resolve("sub").toString()),
            jar);
    assertEquals(200, recordEvent(unwritable.baseUrl()));
    stop(unwritable);
    assertQuiet(unwritable);
  }

  private static void assertQuiet(Launched mock) {
    String stderr = mock.stderr().toString();
    for (String word : List.of("warning", "error", "aot", "cds", "shared", "archive")) {
      assertFalse(stderr.toLowerCase().contains(word), "'" + word + "' on stderr:\n" + stderr);
    }
    assertEquals(
        List.of(), mock.stdout().stream().skip(1).toList(), "stdout after the URL (--quiet)");
  }

  private static void stop(Launched mock) throws InterruptedException {
    mock.process().destroy();
    assertTrue(mock.process().waitFor(30, TimeUnit.SECONDS));
    mock.drained().join();
  }

  private static Path aotCacheBeside(Path jar) {
    String version = Runtime.version().toString();
    return jar.resolveSibling(
        "remote-cache-mock." + version.replaceAll("[^A-Za-z0-9.+_-]", "_") + ".aot");
  }

  private static ProcessHandle onlyChild(Process launcher) {
    List<ProcessHandle> children = launcher.children().toList();
    assertEquals(1, children.size(), "the launcher's children: " + children);
    return children.get(0);
  }

  private static int recordEvent(String baseUrl) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(baseUrl + "/v8/artifacts/events"))
            .timeout(Duration.ofSeconds(10))
            .header("Authorization", "Bearer t")
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "[{\"sessionId\":\"56699e9f-0892-44d5-b956-3f2ddfd4512e\","
                        + "\"source\":\"LOCAL\",\"event\":\"HIT\",\"hash\":\"abc\",\"duration\":1}]"))
            .build();
    return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private static void assertThrows(ThrowingCall call) {
    try {
      call.run();
    } catch (IOException | InterruptedException expected) {
      return;
    }
    throw new AssertionError("the server still answers");
  }

  private interface ThrowingCall {
    void run() throws IOException, InterruptedException;
  }

  private record Launched(
      Process process,
      String baseUrl,
      List<String> stdout,
      StringBuffer stderr,
      CompletableFuture<Void> drained) {}

  /** {@code java JVM_OPTIONS -jar JAR --port 0 --quiet} with ENV; waits for the base URL. */
  private Launched launch(List<String> jvmOptions, Map<String, String> env, Path jar)
      throws Exception {
    List<String> command = new ArrayList<>();
    command.add(MockProcess.JAVA);
    command.addAll(jvmOptions);
    command.addAll(List.of("-jar", jar.toString(), "--port", "0", "--quiet"));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(env);
    Process process = builder.start();
    started.add(process);
    List<String> stdout = java.util.Collections.synchronizedList(new ArrayList<>());
    StringBuffer stderr = new StringBuffer();
    CompletableFuture<String> first = new CompletableFuture<>();
    CompletableFuture<Void> outDone =
        CompletableFuture.runAsync(
            () ->
                readLines(
                    process.getInputStream(),
                    line -> {
                      stdout.add(line);
                      first.complete(line);
                    }));
    CompletableFuture<Void> errDone =
        CompletableFuture.runAsync(
            () -> readLines(process.getErrorStream(), line -> stderr.append(line).append('\n')));
    String url = first.completeOnTimeout("(no output within 60 s)", 60, TimeUnit.SECONDS).get();
    assertTrue(
        url.matches("http://127\\.0\\.0\\.1:\\d+"),
        "first line must be the base URL: " + url + "\n" + stderr);
    return new Launched(process, url, stdout, stderr, CompletableFuture.allOf(outDone, errDone));
  }

  private static void readLines(java.io.InputStream in, java.util.function.Consumer<String> sink) {
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line; (line = reader.readLine()) != null; ) {
        sink.accept(line);
      }
    } catch (IOException ignored) {
      // the process ended
    }
  }
}
