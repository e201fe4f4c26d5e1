package dev.remotecache.system;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The third-party server turborepo-remote-cache (npm, pinned in src/test/interop), started on a
 * free port with its local storage in a directory of the caller's and the token {@code secret}.
 */
final class TurborepoRemoteCacheServer implements AutoCloseable {

  static final String TOKEN = "secret";

  private final Process process;
  private final String baseUrl;

  private TurborepoRemoteCacheServer(Process process, String baseUrl) {
    this.process = process;
    this.baseUrl = baseUrl;
  }

  /** Starts it with its artifacts in {@code storage}; returns once it answers. */
  static TurborepoRemoteCacheServer start(Path storage, String logName) throws Exception {
    InteropPackages.install();
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    ProcessBuilder start =
        new ProcessBuilder(InteropPackages.bin("turborepo-remote-cache").toString())
            .directory(InteropPackages.DIR.toFile())
            .redirectErrorStream(true)
            .redirectOutput(InteropPackages.DIR.resolve(logName).toFile());
    start
        .environment()
        .putAll(
            Map.of(
                "PORT",
                String.valueOf(port),
                "HOST",
                "127.0.0.1",
                "TURBO_TOKEN",
                TOKEN,
                "STORAGE_PROVIDER",
                "local",
                "STORAGE_PATH",
                storage.toString(),
                "LOG_LEVEL",
                "warn"));
    TurborepoRemoteCacheServer server =
        new TurborepoRemoteCacheServer(start.start(), "http://127.0.0.1:" + port);
    server.awaitUp(logName);
    return server;
  }

  String baseUrl() {
    return baseUrl;
  }

  private void awaitUp(String logName) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    for (int i = 0; i < 150; i++) {
      try {
        http.send(
            HttpRequest.newBuilder(URI.create(baseUrl + "/v8/artifacts/status"))
                .timeout(Duration.ofSeconds(2))
                .GET()
                .build(),
            HttpResponse.BodyHandlers.discarding());
        return;
      } catch (java.io.IOException notYet) {
        if (!process.isAlive()) {
          break;
        }
        Thread.sleep(200); // polls: the server says nowhere that it listens
      }
    }
    close();
    throw new AssertionError(
        "turborepo-remote-cache did not start within 30 s; see target/interop/" + logName);
  }

  @Override
  public void close() {
    process.destroy();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
