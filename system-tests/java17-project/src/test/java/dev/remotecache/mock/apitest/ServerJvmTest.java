package dev.remotecache.mock.apitest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.remotecache.mock.RemoteCacheMock;
import dev.remotecache.mock.store.InMemoryArtifactStore;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The server in a JVM of its own never outlives the test's JVM: not after stop(), not after the
 * test's JVM is killed. What cannot cross the process boundary is refused, saying why.
 */
class ServerJvmTest {

  /** The server JVMs this JVM started (the launcher marks them with this property). */
  static List<ProcessHandle> serverJvms() {
    return ProcessHandle.current()
        .children()
        .filter(
            p ->
                p.info()
                    .arguments()
                    .map(a -> String.join(" ", a))
                    .orElse("")
                    .contains("-Dremotecache.launcher.child"))
        .toList();
  }

  @Test
  void stopEndsTheServersJvm() {
    assumeTrue(WhereTheServerRuns.outOfProcess(), "the server runs in this JVM");
    List<ProcessHandle> before = serverJvms();
    RemoteCacheMock mock = RemoteCacheMock.builder().port(0).build().start();
    List<ProcessHandle> started = serverJvms().stream().filter(p -> !before.contains(p)).toList();
    assertEquals(1, started.size(), "one server JVM per mock");

    mock.stop();

    assertFalse(started.get(0).isAlive());
    assertFalse(mock.isRunning());
  }

  @Test
  void shutdownOverTheAdminApiEndsTheServersJvmAndNotThisOne() throws Exception {
    assumeTrue(WhereTheServerRuns.outOfProcess(), "the server runs in this JVM");
    List<ProcessHandle> before = serverJvms();
    RemoteCacheMock mock = RemoteCacheMock.builder().port(0).build().start();
    List<ProcessHandle> started = serverJvms().stream().filter(p -> !before.contains(p)).toList();
    assertEquals(1, started.size(), "one server JVM per mock");

    HttpResponse<String> answer =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(mock.baseUrl() + "/__admin/shutdown"))
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(200, answer.statusCode(), answer.body());
    mock.awaitStop(); // the server's JVM exits

    assertFalse(started.get(0).isAlive());
    assertFalse(mock.isRunning());
    mock.stop(); // a no-op now
  }

  @Test
  void aKilledTestJvmTakesItsServerWithIt() throws Exception {
    assumeTrue(WhereTheServerRuns.outOfProcess(), "the server runs in this JVM");
    Process holder =
        new ProcessBuilder(
                ProcessHandle.current().info().command().orElseThrow(),
                "-cp",
                System.getProperty("java.class.path"),
                "-Dremotecache.mock.outOfProcess=true",
                HoldsAMock.class.getName())
            .redirectErrorStream(true)
            .start();
    try {
      ProcessHandle server = null;
      BufferedReader out =
          new BufferedReader(
              new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        if (line.startsWith(HoldsAMock.READY)) {
          server = holder.toHandle().children().findFirst().orElseThrow();
          break;
        }
      }
      assertTrue(server != null && server.isAlive(), "the holder started a server JVM");

      holder.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // kill -9: no shutdown hook runs

      Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
      while (server.isAlive() && Instant.now().isBefore(deadline)) {
        Thread.sleep(20);
      }
      assertFalse(server.isAlive(), "the server JVM outlived the test JVM that started it");
    } finally {
      holder.destroyForcibly();
    }
  }

  @Test
  void aStoreObjectNeedsTheServerInThisJvm() {
    UnsupportedOperationException e =
        assertThrows(
            UnsupportedOperationException.class,
            () ->
                RemoteCacheMock.builder()
                    .store(new InMemoryArtifactStore(1 << 20))
                    .outOfProcess(true)
                    .build());
    assertTrue(
        e.getMessage()
            .startsWith("Builder.store(...) needs the mock's server in this JVM (Java 21+)"),
        e.getMessage());
  }

  @Test
  void onJava17TheServerCannotRunInTheTestsJvm() {
    assumeTrue(Runtime.version().feature() < 21, "Java 21+ runs it in process");
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> RemoteCacheMock.builder().outOfProcess(false).build());
    assertTrue(e.getMessage().contains("only on Java 21+"), e.getMessage());
  }
}
