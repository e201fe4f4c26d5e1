package dev.remotecache.mock;

import static dev.remotecache.mock.Http.EVENTS;
import static dev.remotecache.mock.Http.VALID_EVENT;
import static dev.remotecache.mock.Http.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.remotecache.mock.journal.RequestRecord;
import dev.remotecache.mock.junit.RemoteCacheMockExtension;
import dev.remotecache.mock.overrides.FaultRule;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every API request takes one road ({@code RequestPipeline}), in every mode: a fault injected for
 * one operation changes nothing for the others; what fails inside the mock, or in its store, is
 * answered in the API's error shape and recorded.
 */
class PipelineTest {

  @RegisterExtension static RemoteCacheMockExtension mock = new RemoteCacheMockExtension();

  /** Headers whose value is part of the answer (Date and the like are not). */
  private static final List<String> COMPARED_HEADERS =
      List.of("content-type", "www-authenticate", "allow", "x-artifact-duration", "x-artifact-tag");

  @BeforeEach
  void reset() {
    mock.reset();
  }

  private static List<Supplier<HttpRequest.Builder>> requests() {
    String base = mock.baseUrl();
    return List.of(
        () -> Http.authorizedPost(base, EVENTS + "?slug=team", "[" + VALID_EVENT + "]"),
        () ->
            Http.authorizedPost(base, EVENTS, "[" + VALID_EVENT.replace("REMOTE", "remote") + "]"),
        () -> Http.authorizedPost(base, EVENTS, "[" + VALID_EVENT + "] trailing"),
        () -> Http.post(base, EVENTS, "[" + VALID_EVENT + "]"),
        () -> Http.authorizedPost(base, EVENTS, "[]").header("x-artifact-client-interactive", "7"),
        () -> Http.authorizedPost(base, "/v8/artifacts/nope", "[]"),
        () ->
            HttpRequest.newBuilder(URI.create(base + EVENTS))
                .header("Authorization", "Bearer t")
                .DELETE(),
        () ->
            HttpRequest.newBuilder(URI.create(base + "/v8/artifacts/abc123"))
                .header("Authorization", "Bearer t")
                .header("Content-Type", "application/octet-stream")
                .header("x-artifact-duration", "42")
                .PUT(HttpRequest.BodyPublishers.ofString("artifact bytes")),
        () ->
            HttpRequest.newBuilder(URI.create(base + "/v8/artifacts/abc123"))
                .header("Authorization", "Bearer t")
                .GET(),
        () ->
            HttpRequest.newBuilder(URI.create(base + "/v8/artifacts/abc123"))
                .header("Authorization", "Bearer t")
                .method("HEAD", HttpRequest.BodyPublishers.noBody()),
        () ->
            HttpRequest.newBuilder(URI.create(base + "/v8/artifacts/missing1"))
                .header("Authorization", "Bearer t")
                .method("HEAD", HttpRequest.BodyPublishers.noBody()),
        () ->
            HttpRequest.newBuilder(URI.create(base + "/v8/artifacts/status"))
                .header("Authorization", "Bearer t")
                .header("Prefer", "code=402")
                .GET());
  }

  /**
   * {@code chunked}: whether the answer came chunked, which tells which way it took (see above).
   */
  private record Seen(int status, Map<String, List<String>> headers, String body, boolean chunked) {
    boolean sameAnswer(Seen other) {
      return status == other.status && headers.equals(other.headers) && body.equals(other.body);
    }
  }

  private static List<Seen> sendAll() {
    List<Seen> seen = new ArrayList<>();
    for (Supplier<HttpRequest.Builder> request : requests()) {
      HttpResponse<String> response = send(request.get());
      Map<String, List<String>> headers = new TreeMap<>();
      response
          .headers()
          .map()
          .forEach(
              (name, values) -> {
                if (COMPARED_HEADERS.contains(name.toLowerCase())) {
                  headers.put(name.toLowerCase(), values);
                }
              });
      seen.add(
          new Seen(
              response.statusCode(),
              headers,
              response.body(),
              response.headers().firstValue("Transfer-Encoding").isPresent()));
    }
    return seen;
  }

  /** The journal without its timestamps and durations. */
  private static List<String> journal() {
    return mock.mock().journal().requests().stream()
        .map(
            (RequestRecord r) ->
                r.method()
                    + " "
                    + r.url()
                    + " "
                    + r.operationId()
                    + " "
                    + r.status()
                    + " "
                    + r.accepted()
                    + " "
                    + r.violations()
                    + " "
                    + r.summary())
        .toList();
  }

  @Test
  void aFaultForOneOperationChangesNothingForTheOthers() {
    List<Seen> plain = sendAll();
    List<String> plainJournal = journal();
    int plainRejections = mock.rejections().size();
    int plainEvents = mock.events().size();

    mock.reset();
    mock.injectFault(FaultRule.delay("deleteAllArtifacts", 1)); // none of the requests calls it
    List<Seen> withFault = sendAll();

    for (int i = 0; i < plain.size(); i++) {
      assertTrue(
          plain.get(i).sameAnswer(withFault.get(i)),
          "request #" + i + " answered differently: " + plain.get(i) + " vs " + withFault.get(i));
      assertFalse(plain.get(i).chunked(), "every answer declares its length: #" + i);
    }
    assertEquals(plainJournal, journal());
    assertEquals(plainRejections, mock.rejections().size());
    assertEquals(plainEvents, mock.events().size());
    assertEquals(1, plainEvents, "the one valid event is recorded");
  }

  @Test
  void anInjectedServerErrorIsAnsweredInTheErrorShape() {
    String base = mock.baseUrl();
    mock.injectFault(FaultRule.serverError("status", 503).times(1));
    HttpResponse<String> unavailable =
        send(
            HttpRequest.newBuilder(URI.create(base + "/v8/artifacts/status"))
                .header("Authorization", "Bearer t")
                .GET());
    assertEquals(503, unavailable.statusCode());
    assertTrue(unavailable.body().contains("\"code\""), unavailable.body());
  }

  @Test
  void anUnexpectedFailureInsideTheMockIsAnsweredInTheErrorShapeAndRecorded() {
    String internals = "a bug reading /home/someone/secret/config.json";
    try (RemoteCacheMock broken =
        RemoteCacheMock.builder()
            .port(0)
            .store(new FailingStore(new IllegalStateException(internals)))
            .build()
            .start()) {
      java.io.PrintStream err = System.err;
      java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
      System.setErr(new java.io.PrintStream(log, true, java.nio.charset.StandardCharsets.UTF_8));
      HttpResponse<String> response;
      try {
        response = send(Http.authorizedPost(broken.baseUrl(), EVENTS, "[" + VALID_EVENT + "]"));
      } finally {
        System.setErr(err);
      }
      assertEquals(500, response.statusCode());
      assertEquals("internal_server_error", Http.json(response).at("/error/code").asText());
      String message = Http.json(response).at("/error/message").asText();
      assertFalse(response.body().contains("/home/someone"), "no host path: " + response.body());
      assertFalse(response.body().contains("IllegalStateException"), response.body());
      java.util.regex.Matcher id =
          java.util.regex.Pattern.compile("failure ([0-9a-f]{8})").matcher(message);
      assertTrue(id.find(), "an id to find in the log: " + message);
      String logged = log.toString(java.nio.charset.StandardCharsets.UTF_8);
      assertEquals(1, logged.split("ERROR", -1).length - 1, "logged once: " + logged);
      assertTrue(logged.contains("failure " + id.group(1)), "the same id: " + logged);
      assertTrue(logged.contains(internals), "the cause: " + logged);
      assertTrue(logged.contains("\tat "), "with its stack trace: " + logged);
      RequestRecord record = broken.journal().requests().get(0);
      assertEquals(500, record.status());
      assertTrue(record.summary().contains(id.group(1)), record.summary());
    }
  }

  @Test
  void aStoreThatCannotKeepAnArtifactIsA507AndNothingOfItIsServed() {
    try (RemoteCacheMock full =
        RemoteCacheMock.builder()
            .port(0)
            .store(
                new FailingStore(
                    new dev.remotecache.mock.store.StorageFailure("No space left on device")))
            .build()
            .start()) {
      HttpResponse<String> upload =
          send(
              HttpRequest.newBuilder(URI.create(full.baseUrl() + "/v8/artifacts/abc"))
                  .header("Authorization", "Bearer t")
                  .header("Content-Type", "application/octet-stream")
                  .PUT(HttpRequest.BodyPublishers.ofString("artifact bytes")));
      assertEquals(507, upload.statusCode(), upload.body());
      assertEquals("insufficient_storage", Http.json(upload).at("/error/code").asText());
      assertTrue(upload.body().contains("No space left on device"), upload.body());
    }
  }

  /** A store whose every write (and, for a bug, every read) fails. */
  private record FailingStore(RuntimeException failure)
      implements dev.remotecache.mock.store.ArtifactStore {
    @Override
    public dev.remotecache.mock.store.ArtifactMetadata put(
        String team,
        String hash,
        java.io.InputStream bytes,
        long declaredLength,
        dev.remotecache.mock.store.ArtifactMetadata metadata) {
      throw failure;
    }

    @Override
    public java.util.Optional<Content> open(String team, String hash) {
      return java.util.Optional.empty();
    }

    @Override
    public java.util.Optional<dev.remotecache.mock.store.ArtifactMetadata> metadata(
        String team, String hash) {
      if (failure instanceof IllegalStateException) {
        throw failure;
      }
      return java.util.Optional.empty();
    }

    @Override
    public int deleteAll(String team) {
      return 0;
    }

    @Override
    public List<dev.remotecache.mock.store.StoredArtifact> list() {
      return List.of();
    }

    @Override
    public void clear() {}
  }
}
