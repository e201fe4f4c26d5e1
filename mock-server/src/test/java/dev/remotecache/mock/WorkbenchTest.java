package dev.remotecache.mock;

import static dev.remotecache.mock.Http.EVENTS;
import static dev.remotecache.mock.Http.VALID_EVENT;
import static dev.remotecache.mock.Http.authorizedPost;
import static dev.remotecache.mock.Http.json;
import static dev.remotecache.mock.Http.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.remotecache.client.model.CacheEventType;
import dev.remotecache.client.model.CacheSource;
import dev.remotecache.mock.junit.RemoteCacheMockExtension;
import dev.remotecache.mock.overrides.FaultRule;
import dev.remotecache.mock.overrides.ForcedResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Forced responses, faults and the verification API, over real HTTP. */
class WorkbenchTest {

  @RegisterExtension static RemoteCacheMockExtension mock = new RemoteCacheMockExtension();

  private static final UUID SESSION = UUID.fromString("56699e9f-0892-44d5-b956-3f2ddfd4512e");

  private static HttpRequest.Builder status() {
    return HttpRequest.newBuilder(URI.create(mock.baseUrl() + "/v8/artifacts/status"))
        .header("Authorization", "Bearer t")
        .GET();
  }

  private static HttpRequest.Builder upload(String hash) {
    return HttpRequest.newBuilder(URI.create(mock.baseUrl() + "/v8/artifacts/" + hash))
        .header("Authorization", "Bearer t")
        .header("Content-Type", "application/octet-stream")
        .PUT(HttpRequest.BodyPublishers.ofString("bytes"));
  }

  @Test
  void preferAsksForAnyDocumentedAnswerWithItsExampleBody() {
    HttpResponse<String> forbidden = send(upload("abc").header("Prefer", "code=403"));
    assertEquals(403, forbidden.statusCode());
    assertEquals(
        "forbidden", json(forbidden).at("/error/code").asText(), "the spec's example for 403");
    assertEquals(List.of(), mock.artifacts(), "a forced answer does not run the operation");

    HttpResponse<String> unauthorized = send(status().header("Prefer", "code=401"));
    assertEquals(401, unauthorized.statusCode());
    assertTrue(unauthorized.headers().firstValue("WWW-Authenticate").isPresent());

    HttpResponse<String> own = send(upload("abc").header("Prefer", "code=202"));
    assertEquals(202, own.statusCode(), "asking for the success answer is asking for the real one");
    assertEquals(1, mock.artifacts().size());
  }

  @Test
  void javaBuildersRefuseAnUndocumentedExampleAndDelayWithinARange() {
    IllegalArgumentException refused =
        assertThrows(
            IllegalArgumentException.class,
            () -> mock.forceResponse(ForcedResponse.of("status", 403).withExample("nope")));
    assertTrue(refused.getMessage().contains("no example named nope"), refused.getMessage());

    mock.injectFault(FaultRule.randomDelay("status", 100, 200).times(1));
    long start = System.nanoTime();
    assertEquals(200, send(status()).statusCode());
    assertTrue(
        (System.nanoTime() - start) / 1_000_000 >= 90, "the answer came within the delay's range");
  }

  @Test
  void anUndocumentedCodeOrExampleIsAnErrorThatSaysSoNeverASilent200() {
    HttpResponse<String> teapot = send(status().header("Prefer", "code=418"));
    assertEquals(400, teapot.statusCode());
    JsonNode violation = json(teapot).at("/error/violations/0");
    assertEquals("Prefer", violation.get("at").asText());
    assertEquals(
        "enum",
        violation.get("rule").asText(),
        "an undocumented code breaks the rule that the code is one the spec lists");
    assertTrue(
        violation.get("message").asText().contains("documents no 418"), violation.toString());
    assertTrue(violation.get("expected").toString().contains("\"403\""), violation.toString());

    HttpResponse<String> noSuchExample = send(status().header("Prefer", "code=403, example=nope"));
    assertEquals(400, noSuchExample.statusCode());
    assertTrue(noSuchExample.body().contains("no example named nope"), noSuchExample.body());

    assertEquals(400, send(status().header("Prefer", "code=abc")).statusCode());
    assertEquals(3, mock.rejections().size());
  }

  @Test
  void aResponseCanBeForcedForAnOperationForTheNextRequests() {
    mock.forceResponse(ForcedResponse.of("status", 402).times(2));
    assertEquals(402, send(status()).statusCode());
    assertEquals(402, send(status()).statusCode());
    assertEquals(200, send(status()).statusCode(), "spent after two");

    IllegalArgumentException undocumented =
        assertThrows(
            IllegalArgumentException.class,
            () -> mock.forceResponse(ForcedResponse.of("status", 404)));
    assertTrue(undocumented.getMessage().contains("documents no 404"), undocumented.getMessage());
    IllegalArgumentException unknown =
        assertThrows(
            IllegalArgumentException.class,
            () -> mock.forceResponse(ForcedResponse.of("getEverything", 200)));
    assertTrue(unknown.getMessage().contains("uploadArtifact"), unknown.getMessage());
  }

  @Test
  void forcedResponsesAndFaultsCanBeSetOverHttp() {
    URI forced = URI.create(mock.baseUrl() + "/__admin/remote-cache/forced-responses");
    HttpResponse<String> set =
        send(
            HttpRequest.newBuilder(forced)
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"operationId\":\"uploadArtifact\",\"status\":403,\"times\":1}")));
    assertEquals(200, set.statusCode(), set.body());
    assertEquals(403, send(upload("abc")).statusCode());
    assertEquals(202, send(upload("abc")).statusCode());

    HttpResponse<String> bad =
        send(
            HttpRequest.newBuilder(forced)
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"operationId\":\"uploadArtifact\",\"status\":302}")));
    assertEquals(400, bad.statusCode());
    assertTrue(bad.body().contains("documents no 302"), bad.body());

    URI faults = URI.create(mock.baseUrl() + "/__admin/remote-cache/faults");
    assertEquals(
        200,
        send(HttpRequest.newBuilder(faults)
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"operationId\":\"status\",\"kind\":\"SERVER_ERROR\",\"status\":503,\"times\":1}")))
            .statusCode());
    assertEquals(503, send(status()).statusCode());
    assertEquals(200, send(status()).statusCode());
    HttpResponse<String> badFault =
        send(
            HttpRequest.newBuilder(faults)
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"operationId\":\"status\",\"kind\":\"DELAY\"}")));
    assertEquals(400, badFault.statusCode());
    assertTrue(badFault.body().contains("delayMs"), badFault.body());
  }

  @Test
  void faultsLetAToolTestItsRetriesAndTimeouts() {
    mock.injectFault(FaultRule.serverError("status", 503).times(2));
    assertEquals(503, send(status()).statusCode());
    assertEquals(503, send(status()).statusCode());
    assertEquals(200, send(status()).statusCode());

    mock.injectFault(FaultRule.delay("status", 300).times(1));
    long start = System.nanoTime();
    assertEquals(200, send(status()).statusCode());
    assertTrue((System.nanoTime() - start) / 1_000_000 >= 250, "the answer came late");

    // A POST, because java.net.http silently retries a GET once on a broken connection.
    for (FaultRule.Kind kind :
        List.of(
            FaultRule.Kind.CONNECTION_RESET,
            FaultRule.Kind.EMPTY_RESPONSE,
            FaultRule.Kind.TRUNCATED_BODY)) {
      mock.injectFault(FaultRule.of("*", kind).times(1));
      assertThrows(
          UncheckedIOException.class,
          () -> send(authorizedPost(mock.baseUrl(), EVENTS, "[" + VALID_EVENT + "]")),
          kind + " must break the exchange");
      assertEquals(200, send(status()).statusCode(), "after " + kind + " the server answers again");
    }

    mock.injectFault(FaultRule.serverError("*", 500).share(0.0));
    for (int i = 0; i < 20; i++) {
      assertEquals(200, send(status()).statusCode(), "a share of 0 spares every request");
    }
  }

  @Test
  void theVerificationApiReadsLikeTheContract() {
    String other = "943cff13-a106-4fad-a302-cfbb31ee25af";
    send(
        authorizedPost(
            mock.baseUrl(),
            EVENTS + "?slug=web",
            "["
                + VALID_EVENT
                + ","
                + VALID_EVENT
                + ","
                + VALID_EVENT.replace("6304b9faf99a2e19", "ffff")
                + "]"));
    send(
        authorizedPost(
            mock.baseUrl(),
            EVENTS + "?teamId=team_2",
            "["
                + VALID_EVENT
                    .replace("56699e9f-0892-44d5-b956-3f2ddfd4512e", other)
                    .replace("REMOTE", "LOCAL")
                    .replace("HIT", "MISS")
                + "]"));

    mock.verify().noRejections();
    mock.verify()
        .events()
        .session(SESSION)
        .hasCount(3)
        .allAre(CacheSource.REMOTE, CacheEventType.HIT);
    mock.verify().events().team("web").hash("ffff").hasCount(1);
    mock.verify()
        .events()
        .team("team_2")
        .source(CacheSource.LOCAL)
        .type(CacheEventType.MISS)
        .hasCount(1);
    mock.verify().events().type(CacheEventType.MISS).team("web").none();
    mock.verify().requests("recordEvents").hasCount(2);

    AssertionError wrongCount =
        assertThrows(AssertionError.class, () -> mock.verify().events().team("web").hasCount(2));
    assertTrue(
        wrongCount.getMessage().contains("expected 2 events (team web), got 3"),
        wrongCount.getMessage());
    assertTrue(wrongCount.getMessage().contains("LOCAL MISS 6304b9faf99a2e19"), "lists what came");
    AssertionError notAll =
        assertThrows(
            AssertionError.class,
            () -> mock.verify().events().allAre(CacheSource.REMOTE, CacheEventType.HIT));
    assertTrue(notAll.getMessage().contains("1 are not"), notAll.getMessage());

    send(authorizedPost(mock.baseUrl(), EVENTS, "[{\"source\":\"local\"}]"));
    AssertionError rejected =
        assertThrows(AssertionError.class, () -> mock.verify().noRejections());
    assertTrue(
        rejected.getMessage().contains("/0/source must be one of [LOCAL, REMOTE]"),
        rejected.getMessage());

    assertThrows(IllegalArgumentException.class, () -> mock.verify().events().hasCount(-1));
    NullPointerException noSession =
        assertThrows(NullPointerException.class, () -> mock.verify().events().session(null));
    assertTrue(noSession.getMessage().contains("leave the criterion out"), noSession.getMessage());
  }

  @Test
  void eventsCanBeQueriedOverHttp() throws IOException {
    send(authorizedPost(mock.baseUrl(), EVENTS + "?slug=web", "[" + VALID_EVENT + "]"));
    HttpResponse<String> remoteHits =
        send(
            HttpRequest.newBuilder(
                    URI.create(
                        mock.baseUrl()
                            + "/__admin/remote-cache/events?team=web&source=REMOTE&type=HIT&session="
                            + SESSION))
                .GET());
    assertEquals(1, json(remoteHits).get("count").asInt(), remoteHits.body());
    assertEquals("web", json(remoteHits).at("/events/0/slug").asText());

    HttpResponse<String> none =
        send(
            HttpRequest.newBuilder(
                    URI.create(mock.baseUrl() + "/__admin/remote-cache/events?type=MISS"))
                .GET());
    assertEquals(0, json(none).get("count").asInt());

    HttpResponse<String> bad =
        send(
            HttpRequest.newBuilder(
                    URI.create(mock.baseUrl() + "/__admin/remote-cache/events?source=remote"))
                .GET());
    assertEquals(400, bad.statusCode());
    assertTrue(bad.body().contains("[LOCAL, REMOTE]"), bad.body());
  }
}
