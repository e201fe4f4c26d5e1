package dev.remotecache.mock;

import static dev.remotecache.mock.Http.EVENTS;
import static dev.remotecache.mock.Http.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.remotecache.contract.core.ApiContract;
import dev.remotecache.mock.journal.AnswerClass;
import dev.remotecache.mock.journal.RequestRecord;
import dev.remotecache.mock.junit.RemoteCacheMockExtension;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * CORS as the spec declares it ({@code x-cors} and the operations): preflights answered without a
 * token and never recorded as rejections, the CORS headers on every API answer (errors too), none
 * on the admin API (same origin only). The browser's side is {@code CrossOriginBrowserTest}.
 */
class CorsTest {

  @RegisterExtension
  static RemoteCacheMockExtension mock = new RemoteCacheMockExtension(b -> b.token("cors-token"));

  /** How turbo decides whether to send its token after a preflight (turborepo-api-client). */
  private static final Pattern TURBO_AUTHORIZATION =
      Pattern.compile("(?i)(?:^|,) *authorization *(?:,|$)");

  private static final ApiContract CONTRACT = ApiContract.load();

  @BeforeEach
  void reset() {
    mock.reset();
  }

  private static Map<String, Object> declaredPolicy() {
    @SuppressWarnings("unchecked")
    Map<String, Object> cors =
        (Map<String, Object>) CONTRACT.openApi().getExtensions().get("x-cors");
    return cors;
  }

  @Test
  void aPreflightIsAnsweredAsTheSpecDeclaresWithoutTokenAndIsNoRejection() {
    HttpResponse<String> answer =
        send(
            HttpRequest.newBuilder(URI.create(mock.baseUrl() + "/v8/artifacts/abc123"))
                .header("Origin", "http://dashboard.example")
                .header("Access-Control-Request-Method", "PUT")
                .header(
                    "Access-Control-Request-Headers",
                    "Authorization, Content-Type, User-Agent, x-artifact-duration, x-artifact-tag")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));

    Map<String, Object> declared = declaredPolicy();
    assertEquals(declared.get("preflightStatus"), answer.statusCode(), answer.body());
    assertEquals("", answer.body());
    assertEquals(declared.get("allowOrigin"), header(answer, "Access-Control-Allow-Origin"));
    assertEquals(
        String.valueOf(declared.get("maxAgeSeconds")), header(answer, "Access-Control-Max-Age"));
    assertEquals(
        Set.of("GET", "HEAD", "PUT"), names(header(answer, "Access-Control-Allow-Methods")));
    String allowed = header(answer, "Access-Control-Allow-Headers");
    assertTrue(TURBO_AUTHORIZATION.matcher(allowed).find(), "turbo sends its token: " + allowed);
    assertEquals(
        lowerCase(requestHeadersDeclaredOn("/v8/artifacts/{hash}")),
        lowerCase(names(allowed).stream().filter(h -> !h.equals("Prefer")).toList()),
        "every request header the path's operations declare, and no other");

    assertEquals(List.of(), mock.rejections(), "a preflight is no rejection");
    RequestRecord record = mock.mock().journal().requests().get(0);
    assertEquals(AnswerClass.PREFLIGHT, record.answerClass());
    assertTrue(record.accepted());
    assertEquals(null, record.operationId(), "not a call of uploadArtifact");
    assertEquals("for PUT (uploadArtifact)", record.summary());
    mock.verify().requests("uploadArtifact").hasCount(0);
  }

  @Test
  void everyAnswerCarriesTheCorsHeadersErrorsToo() {
    String base = mock.baseUrl();
    List<HttpRequest.Builder> requests =
        List.of(
            Http.post(base, EVENTS, "[]"), // 401
            Http.post(base, EVENTS, "[]").header("Authorization", "Bearer cors-token"), // 200
            Http.post(base, EVENTS, "[1]").header("Authorization", "Bearer cors-token"), // 400
            Http.post(base, "/v8/nothing-here", "[]"), // 404, no route
            HttpRequest.newBuilder(URI.create(base + "/v8/artifacts/abc123"))
                .header("Authorization", "Bearer cors-token")
                .DELETE(), // 405
            HttpRequest.newBuilder(URI.create(base + "/v8/artifacts/ffff"))
                .header("Authorization", "Bearer cors-token")
                .GET()); // 404, a miss
    String expose = String.join(", ", exposedByTheSpec());
    for (HttpRequest.Builder request : requests) {
      HttpResponse<String> answer = send(request);
      String what = answer.request().method() + " " + answer.uri() + " " + answer.statusCode();
      assertEquals("*", header(answer, "Access-Control-Allow-Origin"), what);
      assertEquals(expose, header(answer, "Access-Control-Expose-Headers"), what);
    }
    assertEquals(
        List.of(401, 200, 400, 404, 405, 404),
        mock.mock().journal().requests().stream().map(RequestRecord::status).toList());
  }

  @Test
  void anOptionsThatIsNoPreflightOrOnAPathTheSpecLacksTakesTheOrdinaryRoad() {
    assertEquals(
        405,
        send(HttpRequest.newBuilder(URI.create(mock.baseUrl() + "/v8/artifacts/abc123"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()))
            .statusCode());
    assertEquals(
        404,
        send(HttpRequest.newBuilder(URI.create(mock.baseUrl() + "/v8/nothing-here"))
                .header("Access-Control-Request-Method", "GET")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()))
            .statusCode());
    assertEquals(2, mock.rejections().size());
  }

  @Test
  void aPreflightForAMethodTheRouteLacksSaysSo() {
    HttpResponse<String> answer =
        send(
            HttpRequest.newBuilder(URI.create(mock.baseUrl() + "/v8/artifacts?slug=web"))
                .header("Access-Control-Request-Method", "PUT")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
    assertEquals(Set.of("POST", "DELETE"), names(header(answer, "Access-Control-Allow-Methods")));
    assertEquals(
        "for PUT, which this route does not allow: allowed are [POST, DELETE]",
        mock.mock().journal().requests().get(0).summary());
  }

  @Test
  void theAdminApiStaysSameOrigin() {
    HttpResponse<String> answer =
        send(
            HttpRequest.newBuilder(URI.create(mock.baseUrl() + "/__admin/remote-cache/journal"))
                .header("Origin", "http://dashboard.example")
                .GET());
    assertEquals(
        403, answer.statusCode(), "a page on another origin is refused (AdminSecurityTest)");
    assertTrue(
        answer.headers().firstValue("Access-Control-Allow-Origin").isEmpty(),
        "no page on another origin reads the journal");
    HttpResponse<String> preflight =
        send(
            HttpRequest.newBuilder(URI.create(mock.baseUrl() + "/__admin/remote-cache/faults"))
                .header("Origin", "http://dashboard.example")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
    assertEquals(403, preflight.statusCode(), preflight.body());
    assertTrue(
        preflight.headers().map().keySet().stream()
            .noneMatch(name -> name.toLowerCase(Locale.ROOT).startsWith("access-control")),
        "an admin preflight gets no CORS answer: " + preflight.headers().map());
  }

  /** Read from the spec here, not from the mock's policy: header parameters, body, bearer. */
  private static Set<String> requestHeadersDeclaredOn(String template) {
    PathItem item = CONTRACT.openApi().getPaths().get(template);
    Set<String> names = new TreeSet<>();
    for (Operation op : item.readOperations()) {
      if (op.getParameters() != null) {
        op.getParameters().stream()
            .filter(p -> "header".equals(p.getIn()))
            .forEach(p -> names.add(p.getName()));
      }
      if (op.getRequestBody() != null) {
        names.add("Content-Type");
      }
      if (op.getSecurity() != null && !op.getSecurity().isEmpty()) {
        names.add("Authorization");
      }
    }
    return names;
  }

  private static List<String> exposedByTheSpec() {
    Set<String> names = new java.util.LinkedHashSet<>();
    CONTRACT
        .openApi()
        .getPaths()
        .values()
        .forEach(
            item ->
                item.readOperations()
                    .forEach(
                        op ->
                            op.getResponses()
                                .values()
                                .forEach(
                                    r -> {
                                      if (r.getHeaders() != null) {
                                        names.addAll(r.getHeaders().keySet());
                                      }
                                    })));
    @SuppressWarnings("unchecked")
    List<String> also = (List<String>) declaredPolicy().get("alsoExpose");
    names.addAll(also);
    assertTrue(
        names.contains("x-artifact-duration") && names.contains("x-artifact-tag"), "" + names);
    return List.copyOf(names);
  }

  private static String header(HttpResponse<String> answer, String name) {
    List<String> values = answer.headers().allValues(name);
    assertEquals(1, values.size(), name + ": " + answer.headers().map());
    return values.get(0);
  }

  private static Set<String> names(String list) {
    return Arrays.stream(list.split(","))
        .map(String::trim)
        .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
  }

  private static Set<String> lowerCase(java.util.Collection<String> names) {
    return names.stream().map(n -> n.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
  }
}
