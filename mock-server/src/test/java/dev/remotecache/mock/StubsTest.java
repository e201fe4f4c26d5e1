package dev.remotecache.mock;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.remotecache.mock.cli.MockServerCommand;
import dev.remotecache.mock.journal.AnswerClass;
import dev.remotecache.mock.journal.RequestRecord;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stubs, the WireMock way, held to the spec: from a mappings folder, from WireMock's admin API
 * (with WireMock's own Java client) and from {@code stubFor}; each served after the request's
 * contract check, each refused when its answer is not one the spec allows.
 */
class StubsTest {

  static final String STATUS = "/v8/artifacts/status";

  /** GET /v8/artifacts/status answering {@code status}, a stub in WireMock's JSON. */
  static String statusStub(String name, int status, String body) {
    return """
        {"name": "%s",
         "request": {"method": "GET", "urlPath": "/v8/artifacts/status"},
         "response": {"status": %d, "headers": {"Content-Type": "application/json"},
                      "jsonBody": %s}}"""
        .formatted(name, status, body);
  }

  static HttpResponse<String> getStatus(RemoteCacheMock mock, String query) {
    return Http.send(
        HttpRequest.newBuilder(URI.create(mock.baseUrl() + STATUS + query))
            .header("Authorization", "Bearer t")
            .GET());
  }

  @Test
  void aStubOfTheMappingsFolderAnswersAfterTheContractCheck(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("mappings"));
    Files.writeString(
        dir.resolve("mappings/status.json"), statusStub("paused", 200, "{\"status\": \"paused\"}"));
    try (RemoteCacheMock mock = RemoteCacheMock.builder().port(0).mappings(dir).build().start()) {
      HttpResponse<String> answer = getStatus(mock, "?slug=team");
      assertEquals(200, answer.statusCode(), answer.body());
      assertEquals("{\"status\":\"paused\"}", answer.body().replace(" ", ""));
      RequestRecord record = mock.journal().requests().get(0);
      assertEquals(AnswerClass.STUB, record.answerClass());
      assertTrue(record.summary().contains("stub \"paused\""), record.summary());

      // A broken request is refused whatever stubs exist: no token.
      HttpResponse<String> broken =
          Http.send(HttpRequest.newBuilder(URI.create(mock.baseUrl() + STATUS)).GET());
      assertEquals(401, broken.statusCode(), broken.body());
    }
  }

  @Test
  void aStubOfTheMappingsFolderTheSpecDoesNotAllowStopsTheStart(@TempDir Path dir)
      throws Exception {
    Files.createDirectories(dir.resolve("mappings"));
    Files.writeString(
        dir.resolve("mappings/teapot.json"), statusStub("teapot", 418, "{\"status\": \"paused\"}"));
    StubRefused refused =
        assertThrows(
            StubRefused.class, () -> RemoteCacheMock.builder().port(0).mappings(dir).build());
    assertTrue(refused.getMessage().contains("mappings/teapot.json"), refused.getMessage());
    assertTrue(refused.getMessage().contains("418"), refused.getMessage());

    dev.remotecache.mock.cli.UsageErrorsTestAccess.Run run =
        dev.remotecache.mock.cli.UsageErrorsTestAccess.run(
            "--port", "0", "--mappings", dir.toString());
    assertEquals(2, run.exitCode(), run.lines().toString());
    assertTrue(
        run.lines().stream().anyMatch(l -> l.contains("mappings/teapot.json") && l.contains("418")),
        run.lines().toString());
  }

  @Test
  void thereIsNoEscapeFromTheContract() {
    dev.remotecache.mock.cli.UsageErrorsTestAccess.Run run =
        dev.remotecache.mock.cli.UsageErrorsTestAccess.run("--stubs-unchecked");
    assertEquals(2, run.exitCode(), run.lines().toString());
  }

  @Test
  void wireMocksJavaClientRegistersAStubAndVerifiesWhatTheJournalHolds() {
    try (RemoteCacheMock mock = RemoteCacheMock.builder().port(0).build().start()) {
      WireMock wireMock = new WireMock("127.0.0.1", mock.port());
      wireMock.register(
          get(urlPathEqualTo(STATUS))
              .withName("over limit")
              .willReturn(okJson("{\"status\": \"over_limit\"}")));
      HttpResponse<String> answer = getStatus(mock, "?slug=team");
      assertEquals(200, answer.statusCode(), answer.body());
      assertTrue(answer.body().contains("over_limit"), answer.body());

      // A request the contract check refused, and one the mock's own operation answered.
      Http.send(HttpRequest.newBuilder(URI.create(mock.baseUrl() + STATUS)).GET());
      Http.send(Http.authorizedPost(mock.baseUrl(), Http.EVENTS, Http.VALID_EVENT));

      wireMock.verifyThat(2, getRequestedFor(urlPathEqualTo(STATUS)));
      wireMock.verifyThat(1, postRequestedFor(urlPathEqualTo(Http.EVENTS)));
      List<LoggedRequest> all = wireMock.find(WireMock.anyRequestedFor(WireMock.anyUrl()));
      assertEquals(mock.journal().requests().size(), all.size());

      // Refused: 418 is no answer of status; the client's exception names the violation.
      RuntimeException refused =
          assertThrows(
              RuntimeException.class,
              () ->
                  wireMock.register(
                      get(urlPathEqualTo(STATUS)).willReturn(aResponse().withStatus(418))));
      assertTrue(refused.getMessage().contains("418"), refused.getMessage());
      assertEquals(1, wireMock.allStubMappings().getMappings().size(), "never accepted");
    }
  }

  @Test
  void stubForHoldsTheStubToTheSpec() {
    try (RemoteCacheMock mock = RemoteCacheMock.builder().port(0).build().start()) {
      StubMapping stub =
          mock.stubFor(
              get(urlPathEqualTo(STATUS)).willReturn(okJson("{\"status\": \"disabled\"}")));
      assertTrue(stub.getId() != null);
      assertTrue(getStatus(mock, "").body().contains("disabled"));

      // Off the schema: "asleep" is none of the statuses.
      StubRefused offSchema =
          assertThrows(
              StubRefused.class,
              () ->
                  mock.stubFor(
                      get(urlPathEqualTo(STATUS)).willReturn(okJson("{\"status\": \"asleep\"}"))));
      assertEquals("enum", offSchema.violations().get(0).getRule(), offSchema.getMessage());
      // Missing its content type.
      StubRefused noType =
          assertThrows(
              StubRefused.class,
              () ->
                  mock.stubFor(
                      get(urlPathEqualTo(STATUS))
                          .willReturn(aResponse().withBody("{\"status\": \"enabled\"}"))));
      assertFalse(noType.violations().isEmpty());
      // Matching no operation.
      StubRefused nowhere =
          assertThrows(
              StubRefused.class,
              () -> mock.stubFor(get(urlPathEqualTo("/v9/nothing")).willReturn(okJson("{}"))));
      assertEquals("path", nowhere.violations().get(0).getRule(), nowhere.getMessage());

      mock.reset();
      assertTrue(getStatus(mock, "").body().contains("enabled"), "reset drops the stubs");
    }
  }

  @Test
  void aTemplatedAnswerThatBreaksTheSpecIsA500AndADeviationThatFailsCheck(@TempDir Path reports) {
    try (RemoteCacheMock mock = RemoteCacheMock.builder().port(0).build().start()) {
      mock.stubFor(
          get(urlPathEqualTo(STATUS))
              .willReturn(
                  aResponse()
                      .withHeader("Content-Type", "application/json")
                      .withBody("{\"status\": \"{{request.query.slug}}\"}")
                      .withTransformers("response-template")));
      assertEquals(200, getStatus(mock, "?slug=paused").statusCode());
      HttpResponse<String> broken = getStatus(mock, "?slug=asleep");
      assertEquals(500, broken.statusCode(), broken.body());
      assertTrue(broken.body().contains("\"rule\":\"enum\""), broken.body());
      assertEquals(1, mock.deviations().size());
      assertEquals(
          1,
          MockServerCommand.run("check", "--url", mock.baseUrl(), "--reports", reports.toString()));
    }
  }
}
