package dev.remotecache.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.remotecache.client.model.CacheEventType;
import dev.remotecache.client.model.CacheSource;
import dev.remotecache.contract.core.ApiContract;
import dev.remotecache.mock.RemoteCacheMock;
import dev.remotecache.mock.internal.http.MockJson;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.lifecycle.BeforeTry;

/**
 * Thousands of generated requests a run. Valid ones, built from the spec's enums and rules, must
 * all be accepted and recorded exactly; mutated ones (every constraint of the spec broken with
 * random values, broken JSON, truncated and random bodies, bad UTF-8, wrong content types,
 * duplicate headers, odd paths and methods) must all get a 4xx in the error shape. Never a 5xx,
 * never a hang (every request has a timeout), and the server answers normally afterwards.
 */
@Tag("generative")
class GeneratedAbuseTest {

  private static final ApiContract CONTRACT = ApiContract.load();
  private static final ConstraintCatalog CATALOG =
      ConstraintCatalog.from(CONTRACT.openApi(), MockJson.mapper());
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static RemoteCacheMock mock;

  @BeforeContainer
  static void start() {
    mock = RemoteCacheMock.builder().port(0).build().start();
  }

  @AfterContainer
  static void stop() {
    // The server is alive after all the abuse: a valid request is still answered normally.
    HttpResponse<String> after = ContractHttp.send(CATALOG.validRequests().get(0), mock.baseUrl());
    mock.stop();
    assertEquals(200, after.statusCode(), after.body());
  }

  @BeforeTry
  void reset() {
    mock.reset();
  }

  @Property(tries = 1000)
  void validEventBatchesAreAcceptedAndRecordedExactly(@ForAll("validBatches") ArrayNode events)
      throws Exception {
    HttpResponse<String> response =
        ContractHttp.send(
            HttpRequest.newBuilder(
                    URI.create(mock.baseUrl() + "/v8/artifacts/events?slug=property"))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer t")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(events.toString()))
                .build());

    assertEquals(200, response.statusCode(), response.body() + " for " + events);
    JsonNode recorded = MockJson.mapper().valueToTree(mock.batches().get(0).events());
    assertEquals(normalised(events), normalised(recorded));
  }

  @Property(tries = 1000)
  void brokenRequestsGetA4xxInTheErrorShape(@ForAll("brokenRequests") HttpRequest request)
      throws Exception {
    HttpResponse<String> response = ContractHttp.send(request);

    int status = response.statusCode();
    assertTrue(
        status >= 400 && status < 500,
        status + " for " + describe(request) + ": " + response.body());
    if (!request.method().equals("HEAD")) {
      JsonNode error;
      try {
        error = MockJson.mapper().readTree(response.body()).get("error");
      } catch (java.io.IOException notJson) {
        throw new AssertionError(
            status
                + " for "
                + describe(request)
                + " is not in the error shape: "
                + response.body());
      }
      assertTrue(
          error != null && error.get("code").isTextual() && error.get("message").isTextual(),
          response.body());
    }
    assertEquals(List.of(), mock.events(), "nothing of a broken request is recorded");
  }

  @Provide
  Arbitrary<ArrayNode> validBatches() {
    Arbitrary<ObjectNode> event =
        Combinators.combine(
                Arbitraries.create(UUID::randomUUID),
                Arbitraries.of(CacheSource.values()),
                Arbitraries.of(CacheEventType.values()),
                Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(64),
                Arbitraries.doubles().between(0, 1e9).injectNull(0.2))
            .as(
                (session, source, type, hash, duration) -> {
                  ObjectNode e =
                      NODES
                          .objectNode()
                          .put("sessionId", session.toString())
                          .put("source", source.toString())
                          .put("event", type.toString())
                          .put("hash", hash);
                  if (duration != null) {
                    e.put("duration", duration);
                  }
                  return e;
                });
    return event
        .list()
        .ofMaxSize(120)
        .map(
            list -> {
              ArrayNode array = NODES.arrayNode();
              list.forEach(array::add);
              return array;
            });
  }

  @Provide
  Arbitrary<HttpRequest> brokenRequests() {
    String base = mock.baseUrl();
    Arbitrary<HttpRequest> catalogCases =
        Arbitraries.of(CATALOG.cases()).map(c -> c.request().toHttpRequest(base, "t"));
    Arbitrary<HttpRequest> garbageBodies =
        Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(200).map(s -> s.getBytes(StandardCharsets.UTF_8)),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(300),
                Arbitraries.integers().between(1, 180).map(n -> truncatedValidBody(n)),
                Arbitraries.just(
                    new byte[] {'[', '{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}', ']'}),
                Arbitraries.of("[]x", "[]]", "[] []", "[{}] trailing")
                    .map(s -> s.getBytes(StandardCharsets.UTF_8)),
                Arbitraries.strings()
                    .ofMaxLength(20)
                    .map(
                        tail ->
                            (new String(validBody(), StandardCharsets.UTF_8) + " x" + tail)
                                .getBytes(StandardCharsets.UTF_8)))
            .filter(body -> !isValidEventsBody(body))
            .map(body -> eventsPost(base, "application/json", body));
    Arbitrary<HttpRequest> wrongContentTypes =
        Arbitraries.of(
                "text/plain",
                "application/xml",
                "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x",
                "json",
                "*/*")
            .map(ct -> eventsPost(base, ct, validBody()));
    Arbitrary<HttpRequest> duplicateHeaders =
        Arbitraries.of(
                List.of("Authorization", "Bearer a", "Authorization", "Bearer two words"),
                List.of("Content-Type", "text/plain", "Content-Type", "application/json"),
                List.of("x-artifact-client-interactive", "0", "x-artifact-client-interactive", "7"))
            .map(
                pair -> {
                  HttpRequest.Builder b =
                      HttpRequest.newBuilder(URI.create(base + "/v8/artifacts/events"))
                          .timeout(Duration.ofSeconds(10));
                  if (!pair.get(0).equals("Authorization")) b.header("Authorization", "Bearer t");
                  if (!pair.get(0).equals("Content-Type"))
                    b.header("Content-Type", "application/json");
                  return b.header(pair.get(0), pair.get(1))
                      .header(pair.get(2), pair.get(3))
                      .POST(HttpRequest.BodyPublishers.ofByteArray(validBody()))
                      .build();
                });
    Arbitrary<HttpRequest> oddPaths =
        Arbitraries.oneOf(
                Arbitraries.strings().withChars("abcXYZ019-_.~%/").ofMinLength(1).ofMaxLength(60),
                Arbitraries.of(
                    "v8/artifacts/..%2F..%2Fetc%2Fpasswd",
                    "v8/artifacts/%00",
                    "v8//artifacts",
                    "v8/artifacts/a%2Fb",
                    "V8/ARTIFACTS/EVENTS",
                    "v8/artifacts/events/extra",
                    "v8/artifacts/" + "a".repeat(3000)))
            .filter(p -> !p.matches("v8/artifacts/[A-Za-z0-9]+") && !p.matches("v8/artifacts/?"))
            .map(
                path ->
                    HttpRequest.newBuilder(URI.create(base + "/" + safeUri(path)))
                        .timeout(Duration.ofSeconds(10))
                        .header("Authorization", "Bearer t")
                        .method("POST", HttpRequest.BodyPublishers.ofString("{}"))
                        .build());
    Arbitrary<HttpRequest> oddMethods =
        Arbitraries.of("PATCH", "OPTIONS", "FOO", "PROPFIND", "DELETE", "PUT")
            .map(
                method ->
                    HttpRequest.newBuilder(URI.create(base + "/v8/artifacts/events"))
                        .timeout(Duration.ofSeconds(10))
                        .header("Authorization", "Bearer t")
                        .method(method, HttpRequest.BodyPublishers.noBody())
                        .build());
    return Arbitraries.oneOf(
        catalogCases, garbageBodies, wrongContentTypes, duplicateHeaders, oddPaths, oddMethods);
  }

  private static HttpRequest eventsPost(String base, String contentType, byte[] body) {
    return HttpRequest.newBuilder(URI.create(base + "/v8/artifacts/events"))
        .timeout(Duration.ofSeconds(10))
        .header("Authorization", "Bearer t")
        .header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
  }

  private static byte[] validBody() {
    return CATALOG.validRequests().get(0).body().toString().getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] truncatedValidBody(int length) {
    byte[] valid = validBody();
    return Arrays.copyOf(valid, Math.min(length, valid.length - 1));
  }

  private static boolean isValidEventsBody(byte[] body) {
    try {
      JsonNode node = MockJson.mapper().readTree(body);
      return node != null && node.isArray() && node.isEmpty();
    } catch (Exception notJson) {
      return false;
    }
  }

  /** Keeps generated paths parseable as a URI; what is left is still odd for the API. */
  private static String safeUri(String path) {
    String cleaned = path.replaceAll("%(?![0-9A-Fa-f]{2})", "%25");
    return cleaned.startsWith("/") ? cleaned.substring(1) : cleaned;
  }

  /** Numbers compared by value: 1.0 and 1 are the same duration. */
  private static JsonNode normalised(JsonNode events) {
    ArrayNode out = NODES.arrayNode();
    for (JsonNode e : events) {
      ObjectNode copy = e.deepCopy();
      if (copy.has("duration")) {
        copy.put(
            "duration", copy.get("duration").decimalValue().stripTrailingZeros().toPlainString());
      }
      out.add(copy);
    }
    return out;
  }

  private static String describe(HttpRequest request) {
    List<String> parts = new ArrayList<>(List.of(request.method(), request.uri().toString()));
    parts.add(request.headers().map().toString());
    return String.join(" ", parts);
  }
}
