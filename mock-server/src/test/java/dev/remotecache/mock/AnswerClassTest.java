package dev.remotecache.mock;

import static dev.remotecache.mock.Http.send;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.remotecache.mock.journal.AnswerClass;
import dev.remotecache.mock.journal.RequestRecord;
import dev.remotecache.mock.junit.RemoteCacheMockExtension;
import dev.remotecache.mock.overrides.FaultRule;
import dev.remotecache.mock.overrides.ForcedResponse;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Each request is recorded with the class of answer it got, whatever its status says: an injected
 * 503 is a fault, a forced 403 is forced, a miss is an error answer, a missing token a rejection.
 */
class AnswerClassTest {

  @RegisterExtension static RemoteCacheMockExtension mock = new RemoteCacheMockExtension();

  private static HttpRequest.Builder status(String slug) {
    return HttpRequest.newBuilder(URI.create(mock.baseUrl() + "/v8/artifacts/status?slug=" + slug))
        .header("Authorization", "Bearer t");
  }

  @Test
  void eachAnswerIsRecordedByItsClass() {
    send(status("plain"));
    send(
        HttpRequest.newBuilder(URI.create(mock.baseUrl() + "/v8/artifacts/ffff"))
            .header("Authorization", "Bearer t"));
    send(HttpRequest.newBuilder(URI.create(mock.baseUrl() + "/v8/artifacts/status")));
    send(status("prefer").header("Prefer", "code=402"));
    mock.forceResponse(ForcedResponse.of("status", 403).times(1));
    send(status("forced"));
    mock.injectFault(FaultRule.serverError("status", 503).times(1));
    send(status("fault"));
    mock.injectFault(FaultRule.delay("status", 1).times(1));
    send(status("delayed"));
    send(
        status("preflight")
            .header("Access-Control-Request-Method", "GET")
            .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));

    List<String> seen =
        mock.journal().requests().stream()
            .map((RequestRecord r) -> r.status() + " " + r.answerClass())
            .toList();
    assertEquals(
        List.of(
            "200 " + AnswerClass.SUCCESS,
            "404 " + AnswerClass.ERROR_ANSWER,
            "401 " + AnswerClass.REJECTED,
            "402 " + AnswerClass.FORCED,
            "403 " + AnswerClass.FORCED,
            "503 " + AnswerClass.FAULT,
            "200 " + AnswerClass.FAULT,
            "204 " + AnswerClass.PREFLIGHT),
        seen);
    assertEquals(
        List.of("forced 402", "forced 403", "fault: SERVER_ERROR", "fault: DELAY"),
        mock.journal().requests().subList(3, 7).stream().map(RequestRecord::summary).toList());
  }
}
