package dev.remotecache.mock.launcher;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The training run that writes the JDK 25+ AOT cache next to the jar ({@link ClassDataCache}):
 * {@code java -Dremotecache.trainCache=true -jar remote-cache-mock.jar}, run by {@code mvn
 * package}.
 *
 * <p>It starts the server exactly as the launcher does (same defaults, so the cache fits them) plus
 * {@code -XX:AOTCacheOutput}, sends it a few seconds of representative requests (events valid and
 * invalid, uploads, downloads, existence checks, queries, status, the journal), then closes its
 * stdin so it stops cleanly, which is when the JVM writes the cache. The file is written under a
 * temporary name and renamed into place, so a concurrent start never maps a half-written cache.
 *
 * <p>Exit code 0 also when no cache can be made (a JDK older than 25, or the JVM wrote none): a
 * missing cache only means a slower start. 1 when the server did not start or answered a training
 * request wrongly: that is a broken server, and the build says why.
 */
final class AotTraining {

  private static final String EVENT =
      "{\"sessionId\":\"56699e9f-0892-44d5-b956-3f2ddfd4512e\","
          + "\"source\":\"%s\",\"event\":\"%s\",\"hash\":\"%016x\",\"duration\":%d}";

  private AotTraining() {}

  static int train(Path java, Path jar, List<String> userOptions)
      throws IOException, InterruptedException {
    int feature = Launcher.featureOf(ClassDataCache.homeOf(java));
    String version = ClassDataCache.runtimeVersion(ClassDataCache.homeOf(java));
    if (jar == null || feature < 25 || version == null) {
      System.err.println(
          "remote-cache-mock: no AOT cache written: "
              + (jar == null
                  ? "not run from the jar"
                  : "it needs JDK 25+, this is " + (version == null ? java : "JDK " + version))
              + "; the server starts without one (on JDK 19+ it keeps a class-data archive in the user's cache folder).");
      return 0;
    }
    Path target = ClassDataCache.aotCache(jar, version);
    // The jar is reproducible: rebuilt from the same sources it is the same bytes, and the cache
    // trained for it still fits. Retrain only when its content changed.
    String jarSum = AotCacheStamp.sha256(jar);
    if (Files.isRegularFile(target) && AotCacheStamp.trainedFrom(target, jarSum)) {
      AotCacheStamp.write(target, jar, jarSum); // this jar's size and time, for the launcher
      System.err.println(
          "remote-cache-mock: AOT cache " + target + " is up to date (the jar did not change)");
      return 0;
    }
    Path partial =
        target.resolveSibling(target.getFileName() + ".partial" + ProcessHandle.current().pid());
    Files.deleteIfExists(partial);
    long began = System.nanoTime();
    List<String> options = new ArrayList<>(userOptions);
    options.add("-XX:AOTCacheOutput=" + partial);
    List<String> command =
        Launcher.serverCommand(
            java,
            jar,
            options,
            Map.of(),
            ParentWatch.EXIT,
            new String[] {"--port", "0", "--quiet"});
    Process server = new ProcessBuilder(command).start();
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    Thread pump = new Thread(() -> copy(server.getErrorStream(), log));
    pump.setDaemon(true);
    pump.start();
    try {
      BufferedReader out =
          new BufferedReader(
              new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
      String baseUrl = out.readLine();
      Thread drain = new Thread(() -> copy(server.getInputStream(), new ByteArrayOutputStream()));
      drain.setDaemon(true);
      drain.start();
      if (baseUrl == null || !baseUrl.startsWith("http")) {
        System.err.println("remote-cache-mock: AOT training run did not start: " + baseUrl);
        return fail(server, log);
      }
      int requests =
          exercise(
              baseUrl.replace("0.0.0.0", "127.0.0.1"),
              Long.getLong("remotecache.trainMillis", 3000));
      server
          .getOutputStream()
          .close(); // ParentWatch.EXIT: the server stops cleanly, the JVM writes the cache
      if (!server.waitFor(180, TimeUnit.SECONDS)) {
        System.err.println("remote-cache-mock: AOT training run did not stop within 180 s");
        return fail(server, log);
      }
      if (!Files.isRegularFile(partial) || Files.size(partial) == 0) {
        // The JVM's side (not the server's answers): no cache only means slower starts.
        System.err.println(
            "remote-cache-mock: warning: the AOT training run wrote no cache (exit code "
                + server.exitValue()
                + "); the server will start without one");
        System.err.println(log.toString(StandardCharsets.UTF_8));
        return 0;
      }
      Files.move(
          partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      AotCacheStamp.write(target, jar, jarSum);
      System.err.printf(
          "remote-cache-mock: AOT cache %s (%d MB) trained with %d requests in %.1f s%n",
          target, Files.size(target) >> 20, requests, (System.nanoTime() - began) / 1e9);
      return 0;
    } finally {
      server.destroyForcibly();
      Files.deleteIfExists(partial);
      Files.deleteIfExists(partial.resolveSibling(partial.getFileName() + ".config"));
    }
  }

  private static int fail(Process server, ByteArrayOutputStream log) throws InterruptedException {
    server.destroyForcibly();
    server.waitFor(10, TimeUnit.SECONDS);
    System.err.println(log.toString(StandardCharsets.UTF_8));
    return 1;
  }

  /**
   * The requests a build tool sends, valid and not, repeated for {@code millis}; returns how many.
   */
  static int exercise(String base, long millis) throws IOException {
    String single = "[" + event(0) + "]";
    StringBuilder batch = new StringBuilder("[");
    for (int i = 0; i < 100; i++) {
      batch.append(i == 0 ? "" : ",").append(event(i));
    }
    String batch100 = batch.append(']').toString();
    String invalid = single.replace("\"LOCAL\"", "\"local\"");
    byte[] artifact = new byte[64 * 1024];
    for (int i = 0; i < artifact.length; i++) {
      artifact[i] = (byte) (i * 31);
    }
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    int requests = 0;
    for (int round = 0; round == 0 || System.nanoTime() < end; round++) {
      String hash = String.format("%016x", 0x6304b9faf99a2e19L + round);
      String artifactPath = "/v8/artifacts/" + hash + "?slug=train";
      send(base, "POST", "/v8/artifacts/events?slug=train", "application/json", bytes(single), 200);
      send(base, "POST", "/v8/artifacts/events", "application/json", bytes(batch100), 200);
      send(base, "POST", "/v8/artifacts/events", "application/json", bytes(invalid), 400);
      send(base, "GET", "/v8/artifacts/status", null, null, 200);
      send(base, "HEAD", artifactPath, null, null, 404);
      send(base, "PUT", artifactPath, "application/octet-stream", artifact, 202);
      send(base, "HEAD", artifactPath, null, null, 200);
      send(base, "GET", artifactPath, null, null, 200);
      send(
          base,
          "POST",
          "/v8/artifacts?slug=train",
          "application/json",
          bytes("{\"hashes\":[\"" + hash + "\",\"a66191471542fcd6\"]}"),
          200);
      send(base, "PUT", "/v8/artifacts/not%20valid", "application/octet-stream", artifact, 400);
      requests += 10;
      if (round % 20 == 0) {
        send(base, "GET", "/__admin/remote-cache/journal", null, null, 200);
        requests++;
      }
    }
    return requests;
  }

  private static String event(int i) {
    String[] events = {"HIT", "MISS", "MISS"};
    return String.format(
        EVENT, i % 2 == 0 ? "LOCAL" : "REMOTE", events[i % 3], 0x6304b9faf99a2e19L + i, i % 5 * 37);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * One request; a status other than the expected one fails the training (the server is not what we
   * think).
   */
  private static void send(
      String base, String method, String path, String type, byte[] body, int expected)
      throws IOException {
    HttpURLConnection http = (HttpURLConnection) new URL(base + path).openConnection();
    http.setRequestMethod(method);
    http.setConnectTimeout(10_000);
    http.setReadTimeout(30_000);
    http.setRequestProperty("Authorization", "Bearer aot-training");
    if (body != null) {
      http.setDoOutput(true);
      http.setRequestProperty("Content-Type", type);
      http.setFixedLengthStreamingMode(body.length);
      try (OutputStream out = http.getOutputStream()) {
        out.write(body);
      }
    }
    int status = http.getResponseCode();
    InputStream answer = status >= 400 ? http.getErrorStream() : http.getInputStream();
    if (answer != null) {
      try (answer) {
        answer.readAllBytes();
      }
    }
    if (status != expected) {
      throw new IOException(method + " " + path + " answered " + status + ", expected " + expected);
    }
  }

  private static void copy(InputStream in, ByteArrayOutputStream sink) {
    try (in) {
      in.transferTo(sink);
    } catch (IOException ignored) {
      // the server ended
    }
  }
}
