package dev.remotecache.system;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.remotecache.client.model.ArtifactDeleteResponse;
import dev.remotecache.client.model.ArtifactQueryRequest;
import dev.remotecache.client.model.ArtifactQueryResult;
import dev.remotecache.contract.SpecResponseCheck;
import dev.remotecache.system.SoakHistory.Upload;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The soak's clients: each, in a thread of its own until told to stop, sends random uploads of 0 B
 * to 8 MiB to a few shared hashes, downloads, HEADs, queries and deletes, and checks every answer
 * as it comes: held to the spec ({@link SpecResponseCheck}), no 5xx, and the bytes, tag, duration
 * and size it shows all those of the one upload its tag names ({@link SoakHistory}).
 */
final class SoakClients {

  /** The upload headers given back on download and HEAD (SoakTest holds the names to the spec). */
  static final String TAG_HEADER = "x-artifact-tag";

  static final String DURATION_HEADER = "x-artifact-duration";

  static final String TEAM = "?slug=soak";
  static final int MAX_SIZE = 8 * 1024 * 1024;

  /** A hash no client uploads to: every query asks about it too, and it must be a miss. */
  static final String NEVER_UPLOADED = "soakneverstored";

  // The kinds of wrong answer the soak counts; every one must stay at 0.
  static final String MISMATCHED_BODY = "mismatched bodies";
  static final String PARTIAL_BODY = "partial bodies";
  static final String FOREIGN_METADATA = "tags, durations or sizes of another upload";
  static final String SERVER_ERROR = "5xx answers";
  static final String OUTSIDE_SPEC = "answers outside the spec";
  static final String WRONG_ANSWER = "other wrong answers";
  static final String NO_ANSWER = "requests without an answer";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<String> hashes;
  private final SoakHistory history;
  private final SpecResponseCheck spec;
  private final Findings findings;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  final Map<String, LongAdder> requests = new ConcurrentHashMap<>();
  final Map<String, LongAdder> statuses = new ConcurrentHashMap<>();
  final LongAdder bytesUp = new LongAdder();
  final LongAdder bytesDown = new LongAdder();
  final LongAdder cutByTheKill = new LongAdder();
  final LongAdder uploadsCutByTheKill = new LongAdder();

  /** Set just before the server is killed: from then on a request without an answer is expected. */
  volatile boolean killing;

  private volatile boolean stopped;

  SoakClients(List<String> hashes, SoakHistory history, SpecResponseCheck spec, Findings findings) {
    this.hashes = List.copyOf(hashes);
    this.history = history;
    this.spec = spec;
    this.findings = findings;
  }

  /** Starts {@code count} clients against {@code baseUrl}, each with its own random choices. */
  List<Thread> start(String baseUrl, int count, long seed, long deadlineNanos) {
    List<Thread> clients = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      SplittableRandom random = new SplittableRandom(seed + i);
      Thread client =
          new Thread(() -> runClient(baseUrl, random, deadlineNanos), "soak-client-" + i);
      client.setDaemon(true);
      client.start();
      clients.add(client);
    }
    return clients;
  }

  void stop() {
    stopped = true;
  }

  private void runClient(String baseUrl, SplittableRandom random, long deadlineNanos) {
    while (!stopped && System.nanoTime() < deadlineNanos) {
      String hash = hashes.get(random.nextInt(hashes.size()));
      int dice = random.nextInt(100);
      try {
        if (dice < 35) {
          upload(baseUrl, hash, size(random));
        } else if (dice < 65) {
          observe(baseUrl, "GET", hash, true);
        } else if (dice < 80) {
          observe(baseUrl, "HEAD", hash, true);
        } else if (dice < 95) {
          query(baseUrl, true);
        } else {
          deleteAll(baseUrl);
        }
      } catch (IOException cut) {
        if (killing) {
          cutByTheKill.increment();
          return;
        }
        findings.add(NO_ANSWER, Thread.currentThread().getName() + ": " + cut);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException | Error e) {
        findings.add(NO_ANSWER, Thread.currentThread().getName() + " failed: " + e);
      }
    }
  }

  /** 0 B to 8 MiB: some empty, many small, a quarter large, now and then the largest. */
  private static long size(SplittableRandom random) {
    int dice = random.nextInt(32);
    if (dice == 0 || dice == 1) {
      return 0;
    }
    if (dice == 2) {
      return MAX_SIZE;
    }
    if (dice < 11) {
      return random.nextLong(MAX_SIZE / 2, MAX_SIZE + 1L);
    }
    return (long) Math.pow(2, random.nextDouble() * 23);
  }

  private void upload(String baseUrl, String hash, long size)
      throws IOException, InterruptedException {
    Upload upload = history.newUpload(hash, size);
    HttpRequest.BodyPublisher body =
        size == 0
            ? HttpRequest.BodyPublishers.ofByteArray(new byte[0])
            : HttpRequest.BodyPublishers.fromPublisher(
                HttpRequest.BodyPublishers.ofInputStream(() -> new SeededBytes(upload.id, size)),
                size);
    HttpRequest request =
        request(baseUrl, "/v8/artifacts/" + hash)
            .header("Content-Type", "application/octet-stream")
            .header(TAG_HEADER, upload.tag)
            .header(DURATION_HEADER, upload.duration.toPlainString())
            .PUT(body)
            .build();
    HttpResponse<String> answer;
    try {
      answer = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException cut) {
      if (killing) {
        uploadsCutByTheKill.increment();
      }
      throw cut;
    }
    upload.answered = System.nanoTime();
    upload.status = answer.statusCode();
    count("PUT", answer.statusCode());
    bytesUp.add(size);
    checkSpec("PUT", "/v8/artifacts/" + hash, answer.statusCode(), answer.headers(), answer.body());
    expect("PUT " + hash, answer.statusCode(), answer.body(), history.uploaded);
  }

  /**
   * Downloads (GET) or HEADs {@code hash}: checks the answer and returns the upload it shows, or
   * none for a miss; recorded in the history when {@code record}.
   */
  Optional<Upload> observe(String baseUrl, String method, String hash, boolean record)
      throws IOException, InterruptedException {
    long sent = System.nanoTime();
    HttpResponse<byte[]> answer =
        http.send(
            request(baseUrl, "/v8/artifacts/" + hash)
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    long answered = System.nanoTime();
    byte[] body = answer.body();
    count(method, answer.statusCode());
    bytesDown.add(body.length);
    String what = method + " " + hash;
    String text =
        new String(
            body,
            answer.statusCode() == 200 ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
    checkSpec(method, "/v8/artifacts/" + hash, answer.statusCode(), answer.headers(), text);
    if (answer.statusCode() == 404) {
      if (record) {
        history.read(method, hash, sent, answered, null);
      }
      return Optional.empty();
    }
    if (!expect(what, answer.statusCode(), text, 200)) {
      return Optional.empty();
    }
    Optional<Upload> shown =
        shownUpload(
            what,
            hash,
            answer.headers().firstValue(TAG_HEADER).orElse(null),
            answer.headers().firstValue(DURATION_HEADER).map(BigDecimal::new).orElse(null),
            null);
    if (method.equals("GET")) {
      OptionalLong declared = contentLength(answer.headers());
      if (declared.isPresent() && declared.getAsLong() != body.length) {
        findings.add(
            PARTIAL_BODY,
            what + ": Content-Length " + declared.getAsLong() + ", " + body.length + " bytes came");
      }
      shown.ifPresent(upload -> checkBytes(what, upload, body));
    }
    if (record) {
      shown.ifPresent(upload -> history.read(method, hash, sent, answered, upload));
    }
    return shown;
  }

  /**
   * Queries every hash (and one never uploaded): checks each entry and returns what each shows (a
   * null value for a miss); recorded in the history when {@code record}.
   */
  Map<String, Upload> query(String baseUrl, boolean record)
      throws IOException, InterruptedException {
    List<String> asked = new ArrayList<>(hashes);
    asked.add(NEVER_UPLOADED);
    long sent = System.nanoTime();
    HttpResponse<String> answer =
        http.send(
            request(baseUrl, "/v8/artifacts")
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        JSON.writeValueAsString(new ArtifactQueryRequest().hashes(asked))))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    long answered = System.nanoTime();
    count("POST", answer.statusCode());
    checkSpec("POST", "/v8/artifacts", answer.statusCode(), answer.headers(), answer.body());
    Map<String, Upload> shown = new HashMap<>();
    if (!expect("query", answer.statusCode(), answer.body(), 200)) {
      return shown;
    }
    Map<String, ArtifactQueryResult> entries;
    try {
      entries = JSON.readValue(answer.body(), new TypeReference<>() {});
    } catch (IOException unreadable) {
      findings.add(OUTSIDE_SPEC, "query: " + unreadable.getMessage());
      return shown;
    }
    for (String hash : asked) {
      ArtifactQueryResult entry = entries.get(hash);
      String what = "query " + hash;
      if (entry == null) {
        findings.add(WRONG_ANSWER, what + ": no entry in " + answer.body());
      } else if (entry.getError() != null) {
        shown.put(hash, null);
        if (record) {
          history.read("query", hash, sent, answered, null);
        }
      } else if (hash.equals(NEVER_UPLOADED)) {
        findings.add(WRONG_ANSWER, what + ": nothing was uploaded, the answer is " + entry);
      } else {
        Optional<Upload> upload =
            shownUpload(what, hash, entry.getTag(), entry.getTaskDurationMs(), entry.getSize());
        upload.ifPresent(u -> shown.put(hash, u));
        if (record) {
          upload.ifPresent(u -> history.read("query", hash, sent, answered, u));
        }
      }
    }
    return shown;
  }

  private void deleteAll(String baseUrl) throws IOException, InterruptedException {
    long sent = System.nanoTime();
    HttpResponse<String> answer;
    try {
      answer = http.send(request(baseUrl, "/v8/artifacts").DELETE().build(), ofString());
    } catch (IOException cut) {
      if (killing) {
        history.deleted(sent, SoakHistory.NEVER, 0);
      }
      throw cut;
    }
    history.deleted(sent, System.nanoTime(), answer.statusCode());
    count("DELETE", answer.statusCode());
    checkSpec("DELETE", "/v8/artifacts", answer.statusCode(), answer.headers(), answer.body());
    if (expect("DELETE", answer.statusCode(), answer.body(), history.deletedAll)) {
      try {
        Integer deleted =
            JSON.readValue(answer.body(), ArtifactDeleteResponse.class).getDeletedCount();
        if (deleted == null || deleted < 0 || deleted > hashes.size()) {
          findings.add(WRONG_ANSWER, "DELETE: deletedCount " + deleted + " of " + hashes.size());
        }
      } catch (IOException unreadable) {
        findings.add(OUTSIDE_SPEC, "DELETE: " + unreadable.getMessage());
      }
    }
  }

  /**
   * The upload an answer's tag names, when its other metadata are that upload's too: the same hash,
   * duration and (in a query) size.
   */
  private Optional<Upload> shownUpload(
      String what, String hash, String tag, BigDecimal duration, Long size) {
    Optional<Upload> named = history.byTag(tag);
    if (named.isEmpty()) {
      findings.add(FOREIGN_METADATA, what + ": the tag " + tag + " is no upload's");
      return Optional.empty();
    }
    Upload upload = named.get();
    if (!upload.hash.equals(hash)) {
      findings.add(FOREIGN_METADATA, what + ": the tag of " + upload);
    }
    if (duration == null || duration.compareTo(upload.duration) != 0) {
      findings.add(
          FOREIGN_METADATA,
          what
              + ": duration "
              + duration
              + " with the tag of "
              + upload
              + " ("
              + upload.duration
              + ")");
    }
    if (size != null && size != upload.size) {
      findings.add(FOREIGN_METADATA, what + ": size " + size + " with the tag of " + upload);
    }
    return named;
  }

  /** The bytes must be those of the upload the tag names, all of them. */
  private void checkBytes(String what, Upload upload, byte[] body) {
    if (body.length < upload.size) {
      findings.add(PARTIAL_BODY, what + ": " + body.length + " bytes of " + upload);
    } else if (body.length != upload.size
        || !HexFormat.of().formatHex(sha256(body)).equals(upload.sha256)) {
      findings.add(
          MISMATCHED_BODY, what + ": " + body.length + " bytes that are not those of " + upload);
    }
  }

  private void checkSpec(String method, String path, int status, HttpHeaders headers, String body) {
    if (status >= 500) {
      findings.add(SERVER_ERROR, method + " " + path + ": " + status + " " + body);
    }
    List<String> problems = spec.problems(method, path, status, headers, body);
    if (!problems.isEmpty()) {
      findings.add(OUTSIDE_SPEC, method + " " + path + " " + status + ": " + problems);
    }
  }

  /** Whether the status is the one expected; counts it as wrong (unless a 5xx, counted apart). */
  private boolean expect(String what, int status, String body, int expected) {
    if (status == expected) {
      return true;
    }
    if (status < 500) {
      findings.add(WRONG_ANSWER, what + ": " + status + " " + body);
    }
    return false;
  }

  private void count(String method, int status) {
    requests.computeIfAbsent(method, m -> new LongAdder()).increment();
    statuses.computeIfAbsent(method + " " + status, s -> new LongAdder()).increment();
  }

  private static HttpRequest.Builder request(String baseUrl, String path) {
    return HttpRequest.newBuilder(URI.create(baseUrl + path + TEAM))
        .timeout(Duration.ofSeconds(60))
        .header("Authorization", "Bearer soak");
  }

  private static HttpResponse.BodyHandler<String> ofString() {
    return HttpResponse.BodyHandlers.ofString();
  }

  private static OptionalLong contentLength(HttpHeaders headers) {
    return headers.firstValue("Content-Length").stream().mapToLong(Long::parseLong).findFirst();
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** One line of counts: requests by operation and status, bytes each way. */
  String counts() {
    return "requests "
        + new TreeMap<>(sum(requests))
        + " by status "
        + new TreeMap<>(sum(statuses))
        + ", "
        + bytesUp.sum() / (1024 * 1024)
        + " MiB up, "
        + bytesDown.sum() / (1024 * 1024)
        + " MiB down";
  }

  private static Map<String, Long> sum(Map<String, LongAdder> counters) {
    Map<String, Long> sums = new HashMap<>();
    counters.forEach((key, adder) -> sums.put(key, adder.sum()));
    return sums;
  }

  /** The wrong answers found, by kind, with the first few of each. */
  static final class Findings {
    private final Map<String, List<String>> byKind = new ConcurrentHashMap<>();

    /** Counts the clients' kinds of wrong answer and {@code moreKinds}, each from 0. */
    Findings(String... moreKinds) {
      List<String> kinds =
          new ArrayList<>(
              List.of(
                  MISMATCHED_BODY,
                  PARTIAL_BODY,
                  FOREIGN_METADATA,
                  SERVER_ERROR,
                  OUTSIDE_SPEC,
                  WRONG_ANSWER,
                  NO_ANSWER));
      kinds.addAll(List.of(moreKinds));
      for (String kind : kinds) {
        byKind.put(kind, java.util.Collections.synchronizedList(new ArrayList<>()));
      }
    }

    void add(String kind, String detail) {
      String oneLine = detail.replaceAll("\\s+", " ");
      byKind
          .computeIfAbsent(kind, k -> java.util.Collections.synchronizedList(new ArrayList<>()))
          .add(oneLine.length() > 400 ? oneLine.substring(0, 400) + "..." : oneLine);
    }

    /** Every kind with its count, in a stable order. */
    Map<String, Integer> counts() {
      Map<String, Integer> counts = new TreeMap<>();
      byKind.forEach((kind, found) -> counts.put(kind, found.size()));
      return counts;
    }

    boolean none() {
      return byKind.values().stream().allMatch(List::isEmpty);
    }

    /** What broke: each kind found, its count and its first examples. */
    String whatBroke() {
      StringBuilder text = new StringBuilder();
      new TreeMap<>(byKind)
          .forEach(
              (kind, found) -> {
                synchronized (found) {
                  if (!found.isEmpty()) {
                    text.append("\n  ")
                        .append(found.size())
                        .append(' ')
                        .append(kind)
                        .append(", e.g.:");
                    found.stream().limit(5).forEach(f -> text.append("\n    - ").append(f));
                  }
                }
              });
      return text.toString();
    }
  }
}
