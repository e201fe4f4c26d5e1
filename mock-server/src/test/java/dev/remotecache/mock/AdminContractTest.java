package dev.remotecache.mock;

import static dev.remotecache.mock.Http.EVENTS;
import static dev.remotecache.mock.Http.VALID_EVENT;
import static dev.remotecache.mock.Http.authorizedPost;
import static dev.remotecache.mock.Http.json;
import static dev.remotecache.mock.Http.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import dev.remotecache.contract.core.ApiContract;
import dev.remotecache.mock.internal.admin.AdminApi;
import dev.remotecache.mock.junit.RemoteCacheMockExtension;
import dev.remotecache.mock.overrides.FaultRule;
import dev.remotecache.openapi.RemoteCacheAdminSpec;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The admin API and its document, {@code remote-cache-admin.yaml}, agree: every route served is
 * declared and every declared route served; every answer the mock gives, over real HTTP, validates
 * against the document; and a call that breaks the document is refused in the API's error shape,
 * naming field, rule and value.
 */
class AdminContractTest {

  private static final ApiContract ADMIN = ApiContract.loadAdmin();

  @RegisterExtension
  @Order(1)
  static RemoteCacheMockExtension mock = new RemoteCacheMockExtension();

  /** A validating proxy in front of {@link #mock}: its 503s break the API's contract there. */
  @RegisterExtension
  @Order(2)
  static RemoteCacheMockExtension proxy =
      new RemoteCacheMockExtension(b -> b.proxyTo(URI.create(mock.baseUrl())));

  private static final String BASE = "/__admin/remote-cache";

  @Test
  void theRoutesServedAreTheRoutesDeclared() {
    Set<String> served = new TreeSet<>();
    for (AdminApi.Route route : new AdminApi(null, null, null, null, null, ADMIN, 100).routes()) {
      served.add(route.method() + " /__admin" + route.path());
    }
    Set<String> declared = new TreeSet<>();
    ADMIN
        .openApi()
        .getPaths()
        .forEach(
            (path, item) ->
                item.readOperationsMap()
                    .keySet()
                    .forEach(m -> declared.add(m.name().toUpperCase(Locale.ROOT) + " " + path)));
    assertEquals(declared, served);
  }

  @Test
  void everyAnswerValidatesAgainstTheDocument() {
    // Something in every list: an artifact, an accepted batch, a rejection, a server deviation,
    // a forced response, a fault, coverage.
    send(
        HttpRequest.newBuilder(
                URI.create(mock.baseUrl() + "/v8/artifacts/6304b9faf99a2e19?slug=web"))
            .header("Authorization", "Bearer t")
            .header("Content-Type", "application/octet-stream")
            .header("x-artifact-duration", "178")
            .header("x-artifact-tag", "tag")
            .PUT(HttpRequest.BodyPublishers.ofString("bytes")));
    assertEquals(
        200,
        send(authorizedPost(mock.baseUrl(), EVENTS + "?slug=web", "[" + VALID_EVENT + "]"))
            .statusCode());
    assertEquals(400, send(authorizedPost(mock.baseUrl(), EVENTS, "[{}]")).statusCode());
    mock.injectFault(FaultRule.serverError("status", 503).times(1));
    send(
        HttpRequest.newBuilder(URI.create(proxy.baseUrl() + "/v8/artifacts/status"))
            .header("Authorization", "Bearer t"));
    assertEquals(1, proxy.deviations().size(), "the real server's 503 is a deviation");

    List<String> failures = new ArrayList<>();
    check(failures, call(proxy, "GET", "/deviations", null));
    check(
        failures,
        call(
            "POST",
            "/forced-responses",
            "{\"operationId\":\"status\",\"status\":403,\"times\":1}"));
    check(
        failures,
        call(
            "POST",
            "/faults",
            "{\"operationId\":\"*\",\"kind\":\"DELAY\",\"delayMs\":1,\"delayMaxMs\":2,\"share\":0.5}"));
    for (String path :
        List.of(
            "/journal",
            "/events",
            "/events?source=REMOTE&type=HIT&team=web&session=56699e9f-0892-44d5-b956-3f2ddfd4512e&hash=6304b9faf99a2e19",
            "/requests",
            "/requests?since=1",
            "/rejections",
            "/deviations",
            "/coverage",
            "/artifacts",
            "/status",
            "/forced-responses",
            "/faults",
            "/health",
            "/version",
            "/openapi.yaml",
            "/ui")) {
      check(failures, call("GET", path, null));
    }
    check(failures, call("PUT", "/status", "{\"status\":\"paused\"}"));
    check(failures, call("DELETE", "/forced-responses", null));
    check(failures, call("DELETE", "/faults", null));
    check(failures, call("DELETE", "/artifacts", null));
    check(failures, call("DELETE", "/journal", null));
    // Refusals are in the document too.
    check(failures, call("POST", "/faults", "{\"operationId\":\"*\",\"kind\":\"EXPLODE\"}"));
    check(failures, call("GET", "/requests?since=-1", null));
    assertEquals(List.of(), failures);
  }

  @Test
  void theDocumentItselfIsServed() {
    HttpResponse<String> answer = call("GET", "/openapi.yaml", null);
    assertEquals(200, answer.statusCode());
    assertEquals(RemoteCacheAdminSpec.text(), answer.body());
    assertTrue(
        answer.headers().firstValue("Content-Type").orElseThrow().startsWith("application/yaml"));
  }

  @Test
  void healthAndVersionSayWhatTheToolsWait() {
    assertEquals("UP", json(call("GET", "/health", null)).path("status").asText());
    JsonNode version = json(call("GET", "/version", null));
    assertEquals(
        ApiContract.load().openApi().getInfo().getVersion(),
        version.path("apiSpecVersion").asText());
    assertEquals(ADMIN.openApi().getInfo().getVersion(), version.path("adminSpecVersion").asText());
  }

  @Test
  void anUnknownFaultKindIsRefusedNamingFieldRuleAndValue() {
    HttpResponse<String> answer =
        call("POST", "/faults", "{\"operationId\":\"status\",\"kind\":\"EXPLODE\"}");
    assertEquals(400, answer.statusCode());
    JsonNode error = json(answer).path("error");
    assertEquals("bad_request", error.path("code").asText());
    JsonNode violation = error.path("violations").path(0);
    assertEquals("body", violation.path("in").asText());
    assertEquals("/kind", violation.path("at").asText());
    assertEquals("enum", violation.path("rule").asText());
    assertEquals("EXPLODE", violation.path("actual").asText());
    assertEquals(0, json(call("GET", "/faults", null)).path("faults").size(), "nothing injected");
  }

  @Test
  void wrongJsonAnUndeclaredPropertyAndAMissingBodyAreRefused() {
    assertViolation(call("PUT", "/status", "{\"status\":"), "body", "", "json");
    assertViolation(
        call("POST", "/forced-responses", "{\"operationId\":\"status\",\"status\":403,\"tims\":1}"),
        "body",
        "/tims",
        "additionalProperties");
    assertViolation(call("POST", "/faults", null), "body", "", "missing");
    assertViolation(call("PUT", "/status", "{\"status\":\"off\"}"), "body", "/status", "enum");
  }

  @Test
  void badQueryParametersAreRefused() {
    assertViolation(call("GET", "/events?colour=red", null), "query", null, null);
    assertViolation(call("GET", "/events?source=remote", null), "query", "source", "enum");
    assertViolation(call("GET", "/events?session=nope", null), "query", "session", "format");
    assertViolation(call("GET", "/requests?since=x", null), "query", "since", "type");
    assertEquals(200, call("GET", "/events?token=ignored", null).statusCode(), "the admin token");
  }

  @Test
  void whatTheDocumentCannotSayIsRefusedInTheSameShape() {
    assertViolation(
        call("POST", "/faults", "{\"operationId\":\"nope\",\"kind\":\"EMPTY_RESPONSE\"}"),
        "body",
        "/operationId",
        "enum");
    assertViolation(
        call("POST", "/faults", "{\"operationId\":\"status\",\"kind\":\"DELAY\"}"),
        "body",
        "/delayMs",
        "required");
    assertViolation(
        call(
            "POST",
            "/faults",
            "{\"operationId\":\"status\",\"kind\":\"DELAY\",\"delayMs\":5,\"delayMaxMs\":1}"),
        "body",
        "/delayMaxMs",
        "minimum");
    assertViolation(
        call("POST", "/forced-responses", "{\"operationId\":\"status\",\"status\":418}"),
        "body",
        "/status",
        "enum");
  }

  @Test
  void anUndeclaredMethodIs405AndAnUndeclaredPathIs404() {
    HttpResponse<String> method = call("PATCH", "/journal", "{}");
    assertEquals(405, method.statusCode());
    assertEquals("GET, DELETE", method.headers().firstValue("Allow").orElseThrow());
    assertEquals(404, call("GET", "/nothing-here", null).statusCode());
  }

  @Test
  void headAnswersEveryGetRouteWithoutABody() {
    HttpResponse<String> head = call("HEAD", "/journal", null);
    assertEquals(200, head.statusCode());
    assertEquals("", head.body());
  }

  private static void assertViolation(
      HttpResponse<String> answer, String in, String at, String rule) {
    assertEquals(400, answer.statusCode(), answer.body());
    assertTrue(
        ADMIN
            .validateResponse(pathOf(answer), methodOf(answer), response(answer))
            .getMessages()
            .stream()
            .noneMatch(m -> m.getLevel() == ValidationReport.Level.ERROR),
        "the refusal is in the document's error shape: " + answer.body());
    JsonNode violation = json(answer).path("error").path("violations").path(0);
    assertEquals(in, violation.path("in").asText(), answer.body());
    if (at != null) assertEquals(at, violation.path("at").asText(), answer.body());
    if (rule != null) assertEquals(rule, violation.path("rule").asText(), answer.body());
  }

  private static void check(List<String> failures, HttpResponse<String> answer) {
    ValidationReport report =
        ADMIN.validateResponse(pathOf(answer), methodOf(answer), response(answer));
    report.getMessages().stream()
        .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
        .forEach(
            m ->
                failures.add(
                    answer.request().method()
                        + " "
                        + answer.uri()
                        + " "
                        + answer.statusCode()
                        + ": "
                        + m.getMessage()));
  }

  private static String pathOf(HttpResponse<String> answer) {
    return answer.uri().getPath();
  }

  private static Request.Method methodOf(HttpResponse<String> answer) {
    return Request.Method.valueOf(answer.request().method());
  }

  private static SimpleResponse response(HttpResponse<String> answer) {
    SimpleResponse.Builder response = SimpleResponse.Builder.status(answer.statusCode());
    answer.headers().map().forEach((name, values) -> response.withHeader(name, values));
    if (!answer.body().isEmpty()) {
      response.withBody(answer.body());
    }
    return response.build();
  }

  private static HttpResponse<String> call(String method, String pathAndQuery, String body) {
    return call(mock, method, pathAndQuery, body);
  }

  private static HttpResponse<String> call(
      RemoteCacheMockExtension server, String method, String pathAndQuery, String body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(server.baseUrl() + BASE + pathAndQuery))
            .timeout(Duration.ofSeconds(10));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    request.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    return send(request);
  }
}
