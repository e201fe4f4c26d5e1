package dev.remotecache.mock.internal.engine;

import dev.remotecache.mock.launcher.ServerJvm;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The mock's command line ({@code MockServerCommand}) running in a child JVM 21+ on this JVM's
 * class path, its settings read from its stdin as one JSON document ({@code --settings-json -}: no
 * token on a command line that {@code ps} shows). Its stderr is copied to this JVM's; on stdout it
 * prints its base URL alone once it answers (the readiness signal), then one line per request, for
 * {@code requestLog} (other lines, a library's log when the test's logging set-up writes to stdout,
 * are copied to this JVM's stdout). The child never outlives this JVM: it is stopped at {@link
 * #stop}, asked to stop when this JVM exits, and halts by itself when this JVM dies ({@code
 * ServerJvm}'s parent watch).
 */
final class ServerProcess {

  /** Spec loading and the JIT on a busy machine: generous, the usual start takes 1 to 3 s. */
  static final Duration START_TIMEOUT = Duration.ofSeconds(120);

  private static final int STDERR_LINES_KEPT = 20;

  /** The line the server prints, alone, once it answers. */
  private static final Pattern BASE_URL = Pattern.compile("https?://\\S+");

  private final Process process;
  private final URI baseUrl;
  private final Thread shutdownHook;

  private ServerProcess(Process process, URI baseUrl, Thread shutdownHook) {
    this.process = process;
    this.baseUrl = baseUrl;
    this.shutdownHook = shutdownHook;
  }

  /** The hidden option of the mock's command line that reads the settings (here: from stdin). */
  static final List<String> SETTINGS_FROM_STDIN = List.of("--settings-json", "-");

  /**
   * Starts the server with these settings ({@link dev.remotecache.mock.MockSettings#toJson}) and
   * returns once it answers.
   */
  static ServerProcess start(String settingsJson, Consumer<String> requestLog) {
    Path java =
        ServerJvm.findJava()
            .orElseThrow(() -> new IllegalStateException(ServerJvm.noJavaMessage()));
    Path argFile = null;
    try {
      argFile = Files.createTempFile("remote-cache-mock", ".args");
      List<String> command =
          ServerJvm.command(
              java, System.getProperty("java.class.path"), argFile, SETTINGS_FROM_STDIN);
      Process process = new ProcessBuilder(command).start();
      try (OutputStream stdin = process.getOutputStream()) {
        stdin.write(settingsJson.getBytes(StandardCharsets.UTF_8));
      } catch (IOException exited) {
        // it ended before reading them: its stderr, read below, says why
      }
      Thread hook = new Thread(process::destroy, "remote-cache-mock-child-stop");
      Runtime.getRuntime().addShutdownHook(hook);
      Deque<String> stderrTail = new ArrayDeque<>();
      pump(
          process.getErrorStream(),
          "stderr",
          line -> {
            System.err.println(line);
            synchronized (stderrTail) {
              stderrTail.addLast(line);
              if (stderrTail.size() > STDERR_LINES_KEPT) {
                stderrTail.removeFirst();
              }
            }
          },
          () -> {});
      CompletableFuture<String> firstLine = new CompletableFuture<>();
      pump(
          process.getInputStream(),
          "stdout",
          line -> {
            if (!firstLine.isDone() && BASE_URL.matcher(line).matches()) {
              firstLine.complete(line);
            } else if (firstLine.isDone() && requestLog != null) {
              requestLog.accept(line);
            } else {
              System.out.println(line); // a library's log on stdout (the test's logging set-up)
            }
          },
          () -> firstLine.completeExceptionally(new IOException("the server's output ended")));
      String base;
      try {
        base = firstLine.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (ExecutionException | TimeoutException e) {
        process.destroyForcibly();
        Runtime.getRuntime().removeShutdownHook(hook);
        process.waitFor(5, TimeUnit.SECONDS);
        String said;
        synchronized (stderrTail) {
          said = String.join("\n", stderrTail);
        }
        throw new IllegalStateException(
            (e instanceof TimeoutException
                    ? "the mock's server did not answer within " + START_TIMEOUT.toSeconds() + " s"
                    : "the mock's server (a JVM of its own: "
                        + java
                        + ") exited with code "
                        + process.exitValue()
                        + " before it answered")
                + (said.isEmpty() ? "" : "; it said:\n" + said));
      }
      return new ServerProcess(process, URI.create(base.trim()), hook);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the mock's server JVM (" + java + ")", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the mock's server was starting", e);
    } finally {
      if (argFile != null) {
        try {
          Files.deleteIfExists(argFile);
        } catch (IOException ignored) {
          // a temporary file left behind; nothing else depends on it
        }
      }
    }
  }

  URI baseUrl() {
    return baseUrl;
  }

  boolean isAlive() {
    return process.isAlive();
  }

  void awaitExit() throws InterruptedException {
    process.waitFor();
  }

  /**
   * SIGTERM: the server lets requests in flight finish (up to {@code grace}) and exits; killed if
   * it takes longer.
   */
  void stop(Duration grace) {
    process.destroy();
    try {
      if (!process.waitFor(grace.toMillis() + 5_000, TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException exiting) {
      // this JVM is exiting already: its hooks run anyway
    }
  }

  /** Reads {@code stream} line by line on a daemon thread until it ends. */
  private static void pump(
      InputStream stream, String name, Consumer<String> lines, Runnable atEnd) {
    Thread thread =
        new Thread(
            () -> {
              try (BufferedReader reader =
                  new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                  lines.accept(line);
                }
              } catch (IOException closed) {
                // the child is gone
              } finally {
                atEnd.run();
              }
            },
            "remote-cache-mock-child-" + name);
    thread.setDaemon(true);
    thread.start();
  }
}
