package dev.remotecache.system;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** The standalone mock jar as a separate process, started the way the README starts it. */
final class MockProcess implements AutoCloseable {

  static final Path JAR =
      Path.of(
          System.getProperty(
              "remotecache.mockJar", "../../mock-server/target/remote-cache-mock.jar"));
  static final String JAVA = ProcessHandle.current().info().command().orElse("java");

  private final Process process;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final StringBuffer stderr = new StringBuffer();

  private MockProcess(Process process) {
    this.process = process;
    pump(process.getInputStream(), lines::add);
    pump(process.getErrorStream(), line -> stderr.append(line).append('\n'));
  }

  /** Starts {@code java -jar remote-cache-mock.jar ARGS}. */
  static MockProcess start(String... args) throws IOException {
    return new MockProcess(new ProcessBuilder(command(args)).start());
  }

  /** Starts the jar and reads the base URL it prints first. */
  static MockProcess started(String... args) throws IOException, InterruptedException {
    MockProcess mock = start(args);
    String url = mock.nextLine();
    assertTrue(
        url.matches("http://127\\.0\\.0\\.1:\\d+"),
        "first line must be the base URL: " + url + "\n" + mock.stderr());
    mock.baseUrl = url;
    return mock;
  }

  private String baseUrl;

  String baseUrl() {
    return baseUrl;
  }

  static List<String> command(String... args) {
    assertTrue(Files.isRegularFile(JAR), "build the jar first: " + JAR.toAbsolutePath());
    List<String> command = new ArrayList<>(List.of(JAVA, "-jar", JAR.toString()));
    command.addAll(List.of(args));
    return command;
  }

  Process process() {
    return process;
  }

  /**
   * The JVM that serves: the launcher's child when the jar started the server in a JVM of its own
   * (its default), else the launched process itself.
   */
  ProcessHandle serverJvm() {
    return process.toHandle().children().findFirst().orElse(process.toHandle());
  }

  /**
   * {@code kill -9} of the server's JVM itself (no shutdown hook, no cleanup: a crash); returns
   * once it and the launcher are gone.
   */
  void killServerJvm() throws Exception {
    ProcessHandle server = serverJvm();
    assertTrue(server.destroyForcibly(), "cannot kill the server's JVM " + server.pid());
    server.onExit().get(30, TimeUnit.SECONDS);
    assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the launcher ends with its server");
  }

  /**
   * Returns once the server's JVM is handling a SIGTERM: the JVM runs the shutdown in a thread of
   * that name (read in {@code /proc}, Linux), which lasts while the server lets requests in flight
   * finish.
   */
  void awaitServerStopping() throws IOException, InterruptedException {
    ProcessHandle server = serverJvm();
    Path tasks = Path.of("/proc", String.valueOf(server.pid()), "task");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      if (!server.isAlive()) {
        throw new AssertionError("the server's JVM ended at once, requests in flight or not");
      }
      try (var threads = Files.list(tasks)) {
        for (Path thread : threads.toList()) {
          try {
            if (Files.readString(thread.resolve("comm")).strip().equals("SIGTERM handler")) {
              return;
            }
          } catch (IOException threadEnded) {
            // gone between the listing and the read
          }
        }
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the server's JVM did not start stopping within 30 s of SIGTERM");
      }
      Thread.sleep(5); // polls /proc: there is no notification for a thread's start
    }
  }

  String nextLine() throws InterruptedException {
    String line = lines.poll(30, TimeUnit.SECONDS);
    if (line == null) {
      throw new AssertionError("no output from the mock within 30 s; stderr:\n" + stderr);
    }
    return line;
  }

  String stderr() {
    return stderr.toString();
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }

  private static void pump(java.io.InputStream stream, java.util.function.Consumer<String> sink) {
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                  sink.accept(line);
                }
              } catch (IOException ignored) {
                // the process ended
              }
            });
    reader.setDaemon(true);
    reader.start();
  }
}
