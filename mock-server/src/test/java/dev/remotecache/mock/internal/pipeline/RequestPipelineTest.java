package dev.remotecache.mock.internal.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.remotecache.client.model.CacheSource;
import dev.remotecache.client.model.CachingStatus;
import dev.remotecache.client.model.CachingStatusResponse;
import dev.remotecache.contract.core.ApiContract;
import dev.remotecache.mock.internal.contract.AnswerCheck;
import dev.remotecache.mock.internal.contract.BearerTokens;
import dev.remotecache.mock.internal.contract.BodySizeLimit;
import dev.remotecache.mock.internal.contract.ContractCheck;
import dev.remotecache.mock.internal.contract.CorsPolicy;
import dev.remotecache.mock.internal.http.Answer;
import dev.remotecache.mock.internal.http.ApiRequest;
import dev.remotecache.mock.internal.http.MockJson;
import dev.remotecache.mock.internal.http.RequestBody;
import dev.remotecache.mock.internal.operations.DocumentedAnswers;
import dev.remotecache.mock.internal.operations.OperationDispatcher;
import dev.remotecache.mock.internal.operations.Operations;
import dev.remotecache.mock.internal.operations.StatefulArtifactsApi;
import dev.remotecache.mock.internal.stub.ArtifactsApi;
import dev.remotecache.mock.internal.tally.CoverageTally;
import dev.remotecache.mock.internal.workbench.ResponseOverrides;
import dev.remotecache.mock.journal.AnswerClass;
import dev.remotecache.mock.journal.EventBatch;
import dev.remotecache.mock.journal.MockJournal;
import dev.remotecache.mock.journal.RequestRecord;
import dev.remotecache.mock.overrides.FaultRule;
import dev.remotecache.mock.overrides.ForcedResponse;
import dev.remotecache.mock.store.InMemoryArtifactStore;
import jakarta.ws.rs.QueryParam;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The pipeline with no server and no socket: an {@link ApiRequest} in, its {@link Answer} out, with
 * the real contract check (the validator), the real operations and store, and the journal.
 */
class RequestPipelineTest {

  private static final String EVENTS = "/v8/artifacts/events";
  private static final String EVENT =
      "{\"sessionId\":\"56699e9f-0892-44d5-b956-3f2ddfd4512e\",\"source\":\"REMOTE\","
          + "\"event\":\"HIT\",\"hash\":\"6304b9faf99a2e19\",\"duration\":178}";

  private static ApiContract contract;

  private MockJournal journal;
  private ResponseOverrides overrides;
  private RequestPipeline pipeline;

  @BeforeAll
  static void loadSpec() {
    contract = ApiContract.load();
  }

  @BeforeEach
  void newPipeline() {
    journal = new MockJournal(1_000);
    overrides = new ResponseOverrides();
    StatefulArtifactsApi api =
        new StatefulArtifactsApi(
            new InMemoryArtifactStore(1 << 20), journal, Clock.systemUTC(), CachingStatus.ENABLED);
    pipeline = pipeline(new OperationDispatcher(ArtifactsApi.class, api::serving, json()));
  }

  private RequestPipeline pipeline(OperationDispatcher handlers) {
    Clock clock = Clock.systemUTC();
    return new RequestPipeline(
        new ContractCheck(contract, BearerTokens.only(List.of()), json(), 20),
        handlers,
        new BodySizeLimit(1 << 20),
        1 << 24,
        new AcceptedAnswers(new DocumentedAnswers(json()), overrides),
        null,
        new StubAnswers(StubServing.NONE, new AnswerCheck(contract, 20), journal, clock),
        new RequestRecorder(
            journal, new CoverageTally(contract), new RequestLine(false), null, clock));
  }

  private static com.fasterxml.jackson.databind.ObjectMapper json() {
    return MockJson.mapper();
  }

  private static ApiRequest request(
      String method, String path, Map<String, String> headers, byte[] body) {
    Map<String, List<String>> all = new LinkedHashMap<>();
    headers.forEach((name, value) -> all.put(name, List.of(value)));
    return new ApiRequest(
        method,
        path,
        null,
        all,
        body == null ? RequestBody.EMPTY : RequestBody.of(body),
        "http://mock.test:3000",
        "127.0.0.1");
  }

  private static ApiRequest postEvents(String events) {
    return request(
        "POST",
        EVENTS,
        Map.of("Authorization", "Bearer t", "Content-Type", "application/json"),
        events.getBytes(StandardCharsets.UTF_8));
  }

  private static JsonNode jsonOf(Answer answer) {
    try {
      return json().readTree(answer.bytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void anAcceptedEventBatchIsAnsweredAndJournalled() {
    Answer answer = pipeline.handle(postEvents("[" + EVENT + "," + EVENT + "]"));

    assertEquals(200, answer.status());
    assertInstanceOf(Answer.Body.None.class, answer.body());
    List<EventBatch> batches = journal.batches();
    assertEquals(1, batches.size());
    assertEquals(2, batches.get(0).events().size());
    assertEquals(CacheSource.REMOTE, batches.get(0).events().get(0).getSource());
    assertEquals("*", answer.header("Access-Control-Allow-Origin"), "CORS on every answer");
  }

  @Test
  void aRejectionNamesTheFieldTheRuleAndTheValue() {
    Answer answer = pipeline.handle(postEvents("[" + EVENT.replace("REMOTE", "remote") + "]"));

    assertEquals(400, answer.status());
    JsonNode violation = jsonOf(answer).path("error").path("violations").path(0);
    assertEquals("body", violation.path("in").asText(), violation.toString());
    assertEquals("/0/source", violation.path("at").asText(), violation.toString());
    assertEquals("enum", violation.path("rule").asText(), violation.toString());
    assertEquals("remote", violation.path("actual").asText(), violation.toString());
    assertEquals(1, journal.rejections().size());
    assertTrue(journal.batches().isEmpty(), "a rejected batch is not recorded as events");
  }

  @Test
  void anUploadIsStoredAndDownloadedWithItsDeclaredLength() throws IOException {
    byte[] artifact = "artifact bytes".getBytes(StandardCharsets.UTF_8);
    Answer stored =
        pipeline.handle(
            request(
                "PUT",
                "/v8/artifacts/abc123",
                Map.of(
                    "Authorization", "Bearer t",
                    "Content-Type", "application/octet-stream",
                    "Content-Length", String.valueOf(artifact.length),
                    "x-artifact-duration", "42"),
                artifact));
    assertEquals(202, stored.status(), new String(stored.bytes(), StandardCharsets.UTF_8));
    assertEquals(
        "http://mock.test:3000/v8/artifacts/abc123",
        jsonOf(stored).path("urls").path(0).asText(),
        "the URL is built from the request's own context");

    Answer download =
        pipeline.handle(
            request("GET", "/v8/artifacts/abc123", Map.of("Authorization", "Bearer t"), null));
    assertEquals(200, download.status());
    assertEquals("42", download.header("x-artifact-duration"));
    Answer.Body.Stream stream = assertInstanceOf(Answer.Body.Stream.class, download.body());
    assertEquals(artifact.length, stream.length());
    try (InputStream in = stream.bytes()) {
      assertArrayEquals(artifact, in.readAllBytes());
    }
  }

  @Test
  void anInjectedFaultAndAForcedResponseShapeTheAnswer() {
    overrides.inject(FaultRule.serverError("recordEvents", 503));
    Answer faulted = pipeline.handle(postEvents("[" + EVENT + "]"));
    assertEquals(503, faulted.status());
    assertEquals(
        "injected fault: 503",
        jsonOf(faulted).path("error").path("message").asText(),
        "the API's error shape");

    overrides.clear();
    overrides.force(ForcedResponse.of("status", 402));
    Answer forced =
        pipeline.handle(
            request("GET", "/v8/artifacts/status", Map.of("Authorization", "Bearer t"), null));
    assertEquals(402, forced.status());
    assertEquals(
        List.of(AnswerClass.FAULT, AnswerClass.FORCED),
        journal.requests().stream().map(RequestRecord::answerClass).toList());
  }

  @Test
  void aCorsPreflightIsAnsweredWithoutAToken() {
    Answer answer =
        pipeline.handle(
            request(
                "OPTIONS",
                EVENTS,
                Map.of(
                    "Origin", "http://page.test",
                    "Access-Control-Request-Method", "POST"),
                null));

    assertEquals(CorsPolicy.of(contract).preflightStatus(), answer.status());
    assertTrue(answer.header("Access-Control-Allow-Methods").contains("POST"));
    assertTrue(journal.rejections().isEmpty(), "a preflight is no rejection");
  }

  @Test
  void aFailureInsideAHandlerIsAnsweredInTheErrorShape() {
    ArtifactsApi failing =
        (ArtifactsApi)
            Proxy.newProxyInstance(
                ArtifactsApi.class.getClassLoader(),
                new Class<?>[] {ArtifactsApi.class},
                (proxy, method, args) -> {
                  throw new IllegalStateException("/home/someone/store is broken");
                });
    RequestPipeline broken =
        pipeline(new OperationDispatcher(ArtifactsApi.class, context -> failing, json()));

    Answer answer = broken.handle(postEvents("[" + EVENT + "]"));

    assertEquals(500, answer.status());
    JsonNode error = jsonOf(answer).path("error");
    assertEquals("internal_server_error", error.path("code").asText());
    assertTrue(error.path("message").asText().contains("failure"), error.toString());
    assertFalse(error.toString().contains("/home/someone"), "no host path: " + error);
  }

  /** A server stub that implements one operation of the spec only. */
  interface StatusOnly {
    CachingStatusResponse status(
        @QueryParam("teamId") String teamId, @QueryParam("slug") String slug);
  }

  @Test
  void everyOperationOfTheSpecNeedsAHandler() {
    OperationDispatcher partial =
        new OperationDispatcher(
            StatusOnly.class,
            context -> (teamId, slug) -> new CachingStatusResponse().status(CachingStatus.ENABLED),
            json());

    IllegalStateException failure =
        assertThrows(IllegalStateException.class, () -> Operations.of(contract, partial));

    assertTrue(failure.getMessage().contains("recordEvents"), failure.getMessage());
    assertTrue(failure.getMessage().contains("no handler"), failure.getMessage());
    assertFalse(failure.getMessage().contains("status ("), "status has one");
    assertNotNull(pipeline.operations().byId("recordEvents").orElseThrow().handler());
  }
}
