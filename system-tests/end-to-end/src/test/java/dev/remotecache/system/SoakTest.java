package dev.remotecache.system;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.remotecache.contract.SpecResponseCheck;
import dev.remotecache.contract.core.ApiContract;
import dev.remotecache.system.SoakClients.Findings;
import dev.remotecache.system.SoakHistory.Upload;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The soak: 16 clients at once against the launched jar, on loopback, uploading 0 B to 8 MiB to a
 * few shared hashes, downloading, HEADing, querying and deleting, with every answer checked as it
 * comes ({@link SoakClients}) and against the order of the operations ({@link SoakHistory}): no
 * body mixed up or cut short, no tag, duration or size of another upload, no 5xx, no answer outside
 * the spec, no read of a version already replaced or deleted. Once for each store: in memory (the
 * default), and {@code --storage DIR}, where the server's JVM is then killed ({@code kill -9}) with
 * uploads in flight, one of them half received, and started again on the same folder: every
 * completed upload is whole with its own metadata, nothing half written is visible, and nothing of
 * it is left in the folder.
 *
 * <p>{@code -Dremotecache.soakSeconds} (set in this module's pom; longer soaks, say 600, before a
 * release) is the load's length, both stores together.
 */
@Tag("system")
class SoakTest {

  private static final int CLIENTS = 16;

  /**
   * Few enough that the in-memory store never evicts (4 artifacts and 16 uploads of 8 MiB fit in
   * its budget), so that every miss must be explained by a delete.
   */
  private static final List<String> HASHES = List.of("soak0", "soak1", "soak2", "soak3");

  /** The upload the kill cuts half way, to a hash of its own: it never completes. */
  private static final String CUT_HASH = "soakcut";

  private static final long CUT_SIZE = SoakClients.MAX_SIZE;

  /** Stated in this module's pom only: run outside Maven, the test says what to set. */
  private static final Duration LOAD =
      Duration.ofSeconds(
              Long.parseLong(
                  Objects.requireNonNull(
                      System.getProperty("remotecache.soakSeconds"),
                      "set -Dremotecache.soakSeconds (seconds of load; this module's pom sets it)")))
          .dividedBy(2);

  private static final ApiContract CONTRACT = ApiContract.load();

  /** The success of an upload and of a delete: the one 2xx the spec declares for each. */
  private static final int UPLOADED =
      success(CONTRACT.openApi().getPaths().get("/v8/artifacts/{hash}").getPut());

  private static final int DELETED =
      success(CONTRACT.openApi().getPaths().get("/v8/artifacts").getDelete());
  private static final String FINAL_STATE = "artifacts lost, stale or partial at the end";
  private static final String IMPOSSIBLE_READS = "reads of a version already replaced or deleted";
  private static final String LEFT_BEHIND = "temporary files visible or left behind";

  /** The header names the clients use are the spec's, on upload and on download. */
  @BeforeAll
  static void theClientsHeadersAreTheSpecs() {
    OpenAPI api = CONTRACT.openApi();
    PathItem artifact = api.getPaths().get("/v8/artifacts/{hash}");
    List<String> uploadHeaders =
        artifact.getPut().getParameters().stream()
            .map(p -> resolve(api, p))
            .filter(p -> "header".equals(p.getIn()))
            .map(Parameter::getName)
            .toList();
    List<String> ours = List.of(SoakClients.TAG_HEADER, SoakClients.DURATION_HEADER);
    assertTrue(uploadHeaders.containsAll(ours), "upload headers " + uploadHeaders);
    for (var download :
        List.of(
            artifact.getGet().getResponses().get("200"),
            artifact.getHead().getResponses().get("200"))) {
      assertTrue(download.getHeaders().keySet().containsAll(ours), "download headers");
    }
  }

  @Test
  void inMemoryStoreHoldsUpUnderSixteenClients() throws Exception {
    Soak soak = new Soak();
    try (MockProcess mock = MockProcess.started("--port", "0", "--quiet")) {
      long start = System.nanoTime();
      List<Thread> clients =
          soak.clients.start(mock.baseUrl(), CLIENTS, start, start + LOAD.toNanos());
      soak.awaitEnd(clients, LOAD.plusSeconds(120));
      soak.checkReads();
      soak.checkFinalState(mock.baseUrl(), HASHES);
      soak.report("in memory", LOAD, "", mock.stderr());
    }
  }

  @Test
  void directoryStoreHoldsUpUnderSixteenClientsAndAKill9(@TempDir Path storage) throws Exception {
    Soak soak = new Soak();
    try (MockProcess mock =
        MockProcess.started("--port", "0", "--quiet", "--storage", storage.toString())) {
      long start = System.nanoTime();
      // The clients run until the kill ends them.
      List<Thread> clients =
          soak.clients.start(mock.baseUrl(), CLIENTS, start, start + LOAD.toNanos() * 10);
      try {
        loadThenKill(soak, mock, clients, start);
      } finally {
        soak.clients.stop();
      }
      soak.awaitEnd(clients, Duration.ofSeconds(60));
    }
    String kill =
        String.format(
            "; kill -9 of the server's JVM with %d uploads of the clients in flight and one half"
                + " received (%d of %d MiB read by the server), %d requests cut",
            soak.clients.uploadsCutByTheKill.sum(),
            CUT_SIZE / 2 / (1024 * 1024),
            CUT_SIZE / (1024 * 1024),
            soak.clients.cutByTheKill.sum());
    soak.checkReads();
    List<String> everyHash = new ArrayList<>(HASHES);
    everyHash.add(CUT_HASH);
    try (MockProcess restarted =
        MockProcess.started("--port", "0", "--quiet", "--storage", storage.toString())) {
      long visibleBytes = soak.checkFinalState(restarted.baseUrl(), everyHash);
      soak.checkAdminList(restarted.baseUrl(), everyHash);
      long inFolder = CrashSafetyTest.bytesIn(storage);
      try (Stream<Path> files = Files.walk(storage)) {
        files
            .filter(p -> p.getFileName().toString().startsWith(".upload-"))
            .forEach(p -> soak.findings.add(LEFT_BEHIND, "after the restart: " + p));
      }
      // Metadata take a little room; the bytes of an upload cut short take megabytes.
      if (inFolder > visibleBytes + 1024 * 1024) {
        soak.findings.add(
            LEFT_BEHIND,
            "after the restart the folder holds "
                + inFolder
                + " bytes for "
                + visibleBytes
                + " bytes of artifacts");
      }
      soak.report(
          "--storage",
          LOAD,
          kill
              + String.format(
                  "; after the restart %d artifact bytes, %d bytes in the folder",
                  visibleBytes, inFolder));
    }
  }

  /**
   * Lets the clients run for the load's length, then starts an upload of its own, waits until the
   * server has read half of it, and kills the server's JVM.
   */
  private static void loadThenKill(Soak soak, MockProcess mock, List<Thread> clients, long start)
      throws Exception {
    for (Thread client : clients) {
      client.join(Math.max(1, (start + LOAD.toNanos() - System.nanoTime()) / 1_000_000));
    }
    Upload cut = soak.history.newUpload(CUT_HASH, CUT_SIZE);
    try (PartialUpload upload =
        PartialUpload.begin(
            URI.create(mock.baseUrl() + "/v8/artifacts/" + CUT_HASH + SoakClients.TEAM),
            Map.of(
                "Authorization",
                "Bearer soak",
                "Content-Type",
                "application/octet-stream",
                SoakClients.TAG_HEADER,
                cut.tag,
                SoakClients.DURATION_HEADER,
                cut.duration.toPlainString()),
            CUT_SIZE)) {
      upload.send(new SeededBytes(cut.id, CUT_SIZE), CUT_SIZE / 2);
      upload.awaitReadByServer(Duration.ofSeconds(30));
      soak.clients.killing = true;
      mock.killServerJvm();
    }
    cut.status = -1; // never stored: the server never had all its bytes
  }

  /** One store's soak: the clients, what they did and what they found. */
  private static final class Soak {
    final SoakHistory history = new SoakHistory(UPLOADED, DELETED);
    final Findings findings = new Findings(IMPOSSIBLE_READS, FINAL_STATE, LEFT_BEHIND);
    final SoakClients clients =
        new SoakClients(HASHES, history, new SpecResponseCheck(CONTRACT), findings);

    void awaitEnd(List<Thread> threads, Duration timeout) throws InterruptedException {
      long deadline = System.nanoTime() + timeout.toNanos();
      for (Thread thread : threads) {
        thread.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        if (thread.isAlive()) {
          findings.add(SoakClients.NO_ANSWER, thread.getName() + " still waits for an answer");
        }
      }
    }

    void checkReads() {
      history.impossibleReads().forEach(read -> findings.add(IMPOSSIBLE_READS, read));
    }

    /**
     * Every hash, once every operation has ended: a download, a HEAD and a query each show an
     * upload it may hold (or a miss where it may hold none). Returns the bytes of the artifacts
     * shown.
     */
    long checkFinalState(String baseUrl, List<String> hashes) throws Exception {
      long bytes = 0;
      Map<String, Upload> queried = clients.query(baseUrl, false);
      for (String hash : hashes) {
        Optional<Upload> got = clients.observe(baseUrl, "GET", hash, false);
        Optional<Upload> head = clients.observe(baseUrl, "HEAD", hash, false);
        Optional<Upload> entry = Optional.ofNullable(queried.get(hash));
        List<Upload> possible = history.possibleLast(hash);
        for (var shown : Map.of("GET", got, "HEAD", head, "query", entry).entrySet()) {
          if (shown.getValue().isPresent() && !possible.contains(shown.getValue().get())) {
            findings.add(
                FINAL_STATE,
                shown.getKey()
                    + " "
                    + hash
                    + " shows "
                    + shown.getValue().get()
                    + "; it may show only "
                    + possible
                    + (history.mayEndAbsent(hash) ? " or a miss" : ""));
          } else if (shown.getValue().isEmpty() && !history.mayEndAbsent(hash)) {
            findings.add(
                FINAL_STATE,
                shown.getKey() + " " + hash + " is a miss; it must show one of " + possible);
          }
        }
        bytes += got.map(u -> u.size).orElse(0L);
      }
      return bytes;
    }

    /** The admin API lists the artifacts the API shows, and nothing else (no temporary file). */
    void checkAdminList(String baseUrl, List<String> hashes) throws Exception {
      HttpResponse<String> answer =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .build()
              .send(
                  HttpRequest.newBuilder(URI.create(baseUrl + "/__admin/remote-cache/artifacts"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      if (answer.statusCode() != 200) {
        findings.add(SoakClients.WRONG_ANSWER, "the admin list: " + answer.statusCode());
        return;
      }
      JsonNode list = new ObjectMapper().readTree(answer.body());
      for (JsonNode hash : list.findValues("hash")) {
        if (!hashes.contains(hash.asText())) {
          findings.add(LEFT_BEHIND, "the admin list shows " + hash + ": " + answer.body());
        }
      }
    }

    /** Prints the counts (for the notes), then fails naming what broke. */
    void report(String store, Duration load, String more) {
      report(store, load, more, "");
    }

    /** As above; {@code serverLog} (the mock's stderr) is shown when something broke. */
    void report(String store, Duration load, String more, String serverLog) {
      String counts =
          String.format(
              "[soak] %s: %d s of load by %d clients, %s%s; found %s",
              store, load.toSeconds(), CLIENTS, clients.counts(), more, findings.counts());
      System.out.println(counts);
      assertTrue(
          findings.none(),
          "the soak of the "
              + store
              + " store broke:"
              + findings.whatBroke()
              + "\n"
              + counts
              + (serverLog.isBlank() ? "" : "\nthe mock's log:\n" + serverLog));
    }
  }

  private static int success(Operation operation) {
    return operation.getResponses().keySet().stream()
        .filter(status -> status.startsWith("2"))
        .map(Integer::parseInt)
        .findFirst()
        .orElseThrow();
  }

  private static Parameter resolve(OpenAPI api, Parameter parameter) {
    if (parameter.get$ref() == null) {
      return parameter;
    }
    String name = parameter.get$ref().substring(parameter.get$ref().lastIndexOf('/') + 1);
    return api.getComponents().getParameters().get(name);
  }
}
