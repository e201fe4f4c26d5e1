package dev.remotecache.mock;

import static dev.remotecache.mock.Http.EVENTS;
import static dev.remotecache.mock.Http.VALID_EVENT;
import static dev.remotecache.mock.Http.authorizedPost;
import static dev.remotecache.mock.Http.json;
import static dev.remotecache.mock.Http.post;
import static dev.remotecache.mock.Http.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.remotecache.client.model.CacheEventType;
import dev.remotecache.client.model.CacheSource;
import dev.remotecache.client.model.CacheUsageEvent;
import dev.remotecache.mock.journal.EventBatch;
import dev.remotecache.mock.journal.Rejection;
import dev.remotecache.mock.junit.RemoteCacheMockExtension;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RemoteCacheMockTest {

  @RegisterExtension static RemoteCacheMockExtension mock = new RemoteCacheMockExtension();

  @Test
  void acceptsAValidBatchAndRecordsItTypedWithItsTeamAndClientHeaders() {
    HttpResponse<String> response =
        send(
            authorizedPost(
                    mock.baseUrl(),
                    EVENTS + "?teamId=team_abc&slug=my-team",
                    "["
                        + VALID_EVENT
                        + ","
                        + VALID_EVENT.replace("REMOTE", "LOCAL").replace("178", "0")
                        + "]")
                .header("x-artifact-client-ci", "GITHUB_ACTIONS")
                .header("x-artifact-client-interactive", "0"));

    assertEquals(200, response.statusCode(), response.body());
    assertEquals("", response.body());
    assertEquals(List.of(), mock.rejections());
    EventBatch batch = mock.batches().get(0);
    assertEquals("team_abc", batch.teamId());
    assertEquals("my-team", batch.slug());
    assertEquals("GITHUB_ACTIONS", batch.clientCi());
    assertEquals(0, batch.clientInteractive());
    CacheUsageEvent first = batch.events().get(0);
    assertEquals(UUID.fromString("56699e9f-0892-44d5-b956-3f2ddfd4512e"), first.getSessionId());
    assertEquals(CacheSource.REMOTE, first.getSource());
    assertEquals(CacheEventType.HIT, first.getEvent());
    assertEquals("6304b9faf99a2e19", first.getHash());
    assertEquals(178.0, first.getDuration());
    assertEquals(CacheSource.LOCAL, mock.events().get(1).getSource());
  }

  @Test
  void namesEveryViolationOfOneRequestWithWhereWhichRuleWhatIsAllowedAndWhatCame() {
    String body =
        """
                [{"sessionId":"56699e9f-0892-44d5-b956-3f2ddfd4512e","source":"local","event":"MISS",\
                "hash":"6304b9faf99a2e19","durration":5},
                 {"sessionId":"56699e9f-0892-44d5-b956-3f2ddfd4512e","source":"LOCAL","hash":"ab","duration":-1}]""";
    HttpResponse<String> response =
        send(
            authorizedPost(mock.baseUrl(), EVENTS, body)
                .header("x-artifact-client-ci", "x".repeat(51)));

    assertEquals(400, response.statusCode());
    assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
    JsonNode error = json(response).get("error");
    assertEquals("bad_request", error.get("code").asText());
    assertViolation(error, "body", "/0/source", "enum", "[\"LOCAL\",\"REMOTE\"]", "\"local\"");
    assertViolation(error, "body", "/0/durration", "additionalProperties", null, "5");
    assertViolation(error, "body", "/1/event", "required", null, null);
    assertViolation(error, "body", "/1/duration", "minimum", "0", "-1");
    assertViolation(
        error, "header", "x-artifact-client-ci", "maxLength", "50", "\"" + "x".repeat(51) + "\"");
    assertEquals(5, error.get("violations").size(), error.toPrettyString());
    assertTrue(
        error
            .get("message")
            .asText()
            .contains("/0/source must be one of [LOCAL, REMOTE], got \"local\""),
        error.get("message").asText());
    assertEquals(List.of(), mock.events(), "nothing of a rejected request is recorded");
    Rejection rejection = mock.rejections().get(0);
    assertEquals(400, rejection.status());
    assertEquals(5, rejection.violations().size());
  }

  @Test
  void aMissingTokenIsTheSpecsAuthErrorWithAChallenge() {
    HttpResponse<String> response = send(post(mock.baseUrl(), EVENTS, "[" + VALID_EVENT + "]"));

    assertEquals(401, response.statusCode());
    assertTrue(
        response.headers().firstValue("WWW-Authenticate").orElseThrow().startsWith("Bearer"));
    JsonNode error = json(response).get("error");
    assertEquals("not_authorized", error.get("code").asText());
    assertViolation(error, "security", "Authorization", "token", null, null);
    assertEquals(List.of(), mock.events());
  }

  @Test
  void malformedAuthorizationHeadersAreRefused() {
    for (String authorization :
        List.of("Basic dXNlcjpwYXNz", "Bearer ", "Bearer two words", "token-alone")) {
      HttpResponse<String> response =
          send(
              post(mock.baseUrl(), EVENTS, "[" + VALID_EVENT + "]")
                  .header("Authorization", authorization));
      assertEquals(401, response.statusCode(), authorization + " -> " + response.body());
      assertViolation(
          json(response).get("error"), "security", "Authorization", "token", null, null);
    }
    assertEquals(List.of(), mock.events());
  }

  @Test
  void brokenBodiesGetAnImmediate400InTheErrorShape() {
    record Case(String contentType, String body, String rule, String at) {}
    List<Case> cases =
        List.of(
            new Case("application/json", "[{\"sessionId\":", "json", ""),
            new Case("application/json", "", "missing", ""),
            new Case("application/json", "{\"sessionId\":\"x\"}", "type", ""),
            new Case("text/plain", "[]", "contentType", "Content-Type"),
            new Case("application/json", "[\"not an object\"]", "type", "/0"),
            new Case("application/json", "[]x", "json", ""),
            new Case("application/json", "[" + VALID_EVENT + "] trailing", "json", ""));
    List<String> failures = new ArrayList<>();
    for (Case c : cases) {
      HttpResponse<String> response =
          send(
              post(mock.baseUrl(), EVENTS, c.body(), c.contentType())
                  .header("Authorization", "Bearer test-token"));
      JsonNode violations = json(response).path("error").path("violations");
      boolean found = false;
      for (JsonNode v : violations) {
        found |= c.rule().equals(v.path("rule").asText()) && c.at().equals(v.path("at").asText());
      }
      if (response.statusCode() != 400 || !found) {
        failures.add(c + " -> " + response.statusCode() + " " + response.body());
      }
    }
    assertEquals(List.of(), failures);
  }

  @Test
  void unknownRoutesAndMethodsAreAnsweredInTheErrorShapeNamingTheRoutes() {
    HttpResponse<String> notFound =
        send(
            HttpRequest.newBuilder(URI.create(mock.baseUrl() + "/v8/artifact/events"))
                .header("Authorization", "Bearer t")
                .GET());
    assertEquals(404, notFound.statusCode());
    JsonNode error = json(notFound).get("error");
    assertEquals("not_found", error.get("code").asText());
    assertTrue(
        error
            .get("violations")
            .get(0)
            .get("expected")
            .toString()
            .contains("POST /v8/artifacts/events"));

    HttpResponse<String> notAllowed =
        send(
            HttpRequest.newBuilder(URI.create(mock.baseUrl() + "/v8/artifacts"))
                .header("Authorization", "Bearer t")
                .method("PATCH", HttpRequest.BodyPublishers.noBody()));
    assertEquals(405, notAllowed.statusCode());
    assertEquals("POST, DELETE", notAllowed.headers().firstValue("Allow").orElseThrow());
    assertEquals("method_not_allowed", json(notAllowed).get("error").get("code").asText());
  }

  @Test
  void theJournalIsReadableAndResettableOverHttp() {
    send(authorizedPost(mock.baseUrl(), EVENTS + "?slug=web", "[" + VALID_EVENT + "]"));
    send(authorizedPost(mock.baseUrl(), EVENTS, "[{}]"));

    HttpResponse<String> journal =
        send(
            HttpRequest.newBuilder(URI.create(mock.baseUrl() + "/__admin/remote-cache/journal"))
                .GET());
    JsonNode body = json(journal);
    assertEquals(200, journal.statusCode());
    assertEquals(1, body.get("eventCount").asInt());
    assertEquals("web", body.get("batches").get(0).get("slug").asText());
    assertEquals("REMOTE", body.get("batches").get(0).get("events").get(0).get("source").asText());
    assertEquals(400, body.get("rejections").get(0).get("status").asInt());
    assertNotNull(body.get("rejections").get(0).get("violations").get(0).get("rule"));

    send(
        HttpRequest.newBuilder(URI.create(mock.baseUrl() + "/__admin/remote-cache/journal"))
            .DELETE());
    assertEquals(List.of(), mock.events());
    assertEquals(List.of(), mock.rejections());
  }

  static void assertViolation(
      JsonNode error, String in, String at, String rule, String expected, String actual) {
    for (JsonNode v : error.get("violations")) {
      if (in.equals(v.path("in").asText())
          && at.equals(v.path("at").asText())
          && rule.equals(v.path("rule").asText())) {
        if (expected != null) {
          assertEquals(expected, v.get("expected").toString(), v.toPrettyString());
        }
        if (actual != null) {
          assertEquals(actual, v.get("actual").toString(), v.toPrettyString());
        }
        assertTrue(v.path("message").asText().length() > 5, v.toPrettyString());
        return;
      }
    }
    throw new AssertionError(
        "no " + rule + " violation at " + in + " " + at + " in " + error.toPrettyString());
  }
}
