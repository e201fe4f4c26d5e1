package dev.remotecache.mock;

import static dev.remotecache.mock.Http.json;
import static dev.remotecache.mock.Http.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.remotecache.mock.internal.http.MockJson;
import dev.remotecache.mock.overrides.FaultRule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admin API answers its owner, not a web page: requests as a browser would send them (a foreign
 * {@code Host} after DNS rebinding, an {@code Origin} of another site, a {@code text/plain} body)
 * are refused in the API's error shape naming the rule; curl's and the live view's are served. Real
 * HTTP on a real port; a raw socket where {@code java.net.http} will not set {@code Host}. The
 * browser's side is {@code AdminBrowserAttackTest}.
 */
class AdminSecurityTest {

  private static final String FAULT =
      "{\"operationId\":\"status\",\"kind\":\"SERVER_ERROR\",\"status\":503,\"times\":1}";

  @Test
  void aForeignHostIsRefusedAndLoopbackNamesAndAddressesAreServed() throws IOException {
    try (RemoteCacheMock mock = RemoteCacheMock.builder().port(0).build().start()) {
      Raw refused = raw(mock, "GET", "/__admin/remote-cache/journal", "rebind.example:7878");
      assertEquals(403, refused.status(), refused.text());
      assertEquals("forbidden", refused.json().at("/error/code").asText());
      assertTrue(
          refused.json().at("/error/message").asText().startsWith("admin-host: "), refused.text());
      assertTrue(refused.text().contains("rebind.example:7878"), refused.text());
      assertEquals(403, raw(mock, "GET", "/__admin/mappings", "rebind.example").status());
      assertEquals(403, raw(mock, "GET", "/__ui", "rebind.example").status(), "the live view too");
      assertEquals(
          403, raw(mock, "GET", "/__admin/remote-cache/journal", "localhost.example").status());

      for (String host :
          List.of(
              "127.0.0.1:" + mock.port(),
              "localhost:" + mock.port(),
              "LOCALHOST",
              "mock.localhost:8080",
              "[::1]:" + mock.port(),
              "10.0.0.7:7878")) {
        assertEquals(200, raw(mock, "GET", "/__admin/remote-cache/journal", host).status(), host);
      }
      assertEquals(302, raw(mock, "GET", "/__ui", "localhost:" + mock.port()).status());
      assertEquals(
          200,
          raw(mock, "GET", "/v8/artifacts/status", "rebind.example", "Bearer t").status(),
          "the API itself answers any Host");
    }
  }

  @Test
  void everyRefusalIsLoggedOnceEvenWhenRequestsAreNot() throws IOException {
    java.io.PrintStream err = System.err;
    java.io.ByteArrayOutputStream stderr = new java.io.ByteArrayOutputStream();
    System.setErr(new java.io.PrintStream(stderr, true, StandardCharsets.UTF_8));
    try (RemoteCacheMock quiet = RemoteCacheMock.builder().port(0).build().start()) {
      assertEquals(
          403, raw(quiet, "GET", "/__admin/remote-cache/journal", "rebind.example").status());
      assertEquals(403, raw(quiet, "GET", "/__ui", "rebind.example").status());
    } finally {
      System.setErr(err);
    }
    List<String> lines = stderr.toString(StandardCharsets.UTF_8).lines().toList();
    for (String refused :
        List.of(
            "refused GET /__admin/remote-cache/journal (admin-host)",
            "refused GET /__ui (admin-host)")) {
      assertEquals(
          1,
          lines.stream().filter(line -> line.contains(refused)).count(),
          refused + " in " + lines);
    }

    List<String> log = new CopyOnWriteArrayList<>();
    try (RemoteCacheMock logged =
        RemoteCacheMock.builder().port(0).requestLog(log::add).build().start()) {
      assertEquals(403, raw(logged, "GET", "/__ui", "rebind.example").status());
    }
    assertEquals(1, log.size(), "beside the request lines: " + log);
    assertTrue(
        log.get(0).startsWith("remote-cache-mock: refused GET /__ui (admin-host): "), log.get(0));
  }

  @Test
  void aPageOnAnotherOriginCannotChangeOrReadAnything() {
    List<String> log = new CopyOnWriteArrayList<>();
    try (RemoteCacheMock mock =
        RemoteCacheMock.builder().port(0).requestLog(log::add).build().start()) {
      String evil = "http://attacker.example";
      // What a page sends with fetch(..., {mode: 'no-cors', body: '...'}): no preflight.
      HttpResponse<String> fault =
          send(admin(mock, "/faults", FAULT, "text/plain").header("Origin", evil));
      assertEquals(403, fault.statusCode(), fault.body());
      assertEquals("forbidden", json(fault).at("/error/code").asText());
      assertTrue(
          json(fault).at("/error/message").asText().startsWith("admin-origin: "), fault.body());
      assertEquals(0, faults(mock), "no fault was injected");
      // Even with the right content type (the browser would have asked first; nothing said yes).
      assertEquals(
          403,
          send(admin(mock, "/faults", FAULT, "application/json").header("Origin", evil))
              .statusCode());
      assertEquals(0, faults(mock));

      mock.injectFault(FaultRule.serverError("status", 503));
      assertEquals(
          403,
          send(HttpRequest.newBuilder(URI.create(mock.baseUrl() + "/__admin/remote-cache/faults"))
                  .header("Origin", evil)
                  .DELETE())
              .statusCode());
      assertEquals(1, faults(mock), "nor cleared");
      assertEquals(
          403,
          send(HttpRequest.newBuilder(URI.create(mock.baseUrl() + "/__admin/remote-cache/journal"))
                  .header("Origin", evil)
                  .GET())
              .statusCode(),
          "nor read");
      assertEquals(
          403,
          send(HttpRequest.newBuilder(URI.create(mock.baseUrl() + "/__admin/reset"))
                  .header("Origin", "null") // a sandboxed frame, a file:// page
                  .POST(HttpRequest.BodyPublishers.noBody()))
              .statusCode(),
          "WireMock's own routes are behind the same rules");
      HttpResponse<String> shutdown =
          send(
              HttpRequest.newBuilder(URI.create(mock.baseUrl() + "/__admin/shutdown"))
                  .header("Origin", evil)
                  .POST(HttpRequest.BodyPublishers.noBody()));
      assertEquals(403, shutdown.statusCode());
      assertTrue(mock.isRunning(), "not shut down");
      assertTrue(
          log.stream()
              .anyMatch(
                  line ->
                      line.startsWith(
                              "remote-cache-mock: refused POST /__admin/shutdown (admin-origin)")
                          && line.contains("attacker.example")),
          log.toString());
    }
  }

  @Test
  void anAdminBodyMustBeJson() {
    try (RemoteCacheMock mock = RemoteCacheMock.builder().port(0).build().start()) {
      for (String contentType :
          List.of("text/plain", "text/plain;charset=UTF-8", "application/x-www-form-urlencoded")) {
        HttpResponse<String> answer = send(admin(mock, "/faults", FAULT, contentType));
        assertEquals(415, answer.statusCode(), contentType + ": " + answer.body());
        assertTrue(
            json(answer).at("/error/message").asText().startsWith("admin-content-type: "),
            answer.body());
        assertTrue(answer.body().contains(contentType), answer.body());
      }
      HttpResponse<String> untyped =
          send(
              HttpRequest.newBuilder(URI.create(mock.baseUrl() + "/__admin/remote-cache/faults"))
                  .POST(HttpRequest.BodyPublishers.ofString(FAULT)));
      assertEquals(415, untyped.statusCode(), untyped.body());
      assertTrue(untyped.body().contains("without a Content-Type"), untyped.body());
      assertEquals(0, faults(mock));
    }
  }

  @Test
  void curlAndTheMocksOwnPagesAreServed() {
    try (RemoteCacheMock mock = RemoteCacheMock.builder().port(0).build().start()) {
      // curl: no Origin, a JSON body.
      assertEquals(200, send(admin(mock, "/faults", FAULT, "application/json")).statusCode());
      assertEquals(1, faults(mock));
      // The live view's origin (a browser sends Origin on a same-origin POST too).
      HttpResponse<String> sameOrigin =
          send(
              admin(mock, "/faults", FAULT, "application/json; charset=utf-8")
                  .header("Origin", mock.baseUrl()));
      assertEquals(200, sameOrigin.statusCode(), sameOrigin.body());
      assertEquals(2, faults(mock));
      // A body-less state change, as curl -X DELETE sends it.
      assertEquals(
          200,
          send(HttpRequest.newBuilder(URI.create(mock.baseUrl() + "/__admin/remote-cache/faults"))
                  .DELETE())
              .statusCode());
      assertEquals(0, faults(mock));
    }
  }

  @Test
  void withAnAdminTokenAnyHostMayBeUsedButOriginsAndBodiesStillCount() throws IOException {
    try (RemoteCacheMock mock =
        RemoteCacheMock.builder().port(0).adminToken("admin-secret").build().start()) {
      // A container reached by its compose service name.
      assertEquals(
          200,
          raw(
                  mock,
                  "GET",
                  "/__admin/remote-cache/journal",
                  "remote-cache-mock:7878",
                  "Bearer admin-secret")
              .status());
      assertEquals(
          401,
          raw(mock, "GET", "/__admin/remote-cache/journal", "remote-cache-mock:7878").status(),
          "a rebound page has no token");
      assertEquals(
          403,
          send(admin(mock, "/faults", FAULT, "application/json")
                  .header("Authorization", "Bearer admin-secret")
                  .header("Origin", "http://attacker.example"))
              .statusCode());
      assertEquals(
          415,
          send(admin(mock, "/faults", FAULT, "text/plain")
                  .header("Authorization", "Bearer admin-secret"))
              .statusCode());
      assertEquals(0, faults(mock));
    }
  }

  @Test
  void shutdownStopsTheServerAndWritesTheReportButLeavesThisJvmRunning(@TempDir Path reports)
      throws Exception {
    RemoteCacheMock mock = RemoteCacheMock.builder().port(0).reportOnExit(reports).build().start();
    String base = mock.baseUrl();
    HttpResponse<String> answer =
        send(
            HttpRequest.newBuilder(URI.create(base + "/__admin/shutdown"))
                .POST(HttpRequest.BodyPublishers.noBody()));
    assertEquals(200, answer.statusCode(), answer.body());
    assertTrue(json(answer).path("shutdown").asBoolean(), answer.body());
    mock.awaitStop(); // the test's own timeout guards a mock that never stops
    assertFalse(mock.isRunning());
    assertTrue(Files.isRegularFile(reports.resolve("remote-cache-check.xml")));
    assertTrue(Files.isRegularFile(reports.resolve("remote-cache-check.json")));
    assertThrows(
        ConnectException.class,
        () -> new Socket("127.0.0.1", URI.create(base).getPort()).close(),
        "the port is closed");
    mock.stop(); // a no-op now
  }

  /**
   * The faults set, as the admin API lists them to its owner (the token is ignored without one).
   */
  private static int faults(RemoteCacheMock mock) {
    HttpResponse<String> answer =
        send(
            HttpRequest.newBuilder(URI.create(mock.baseUrl() + "/__admin/remote-cache/faults"))
                .header("Authorization", "Bearer admin-secret"));
    assertEquals(200, answer.statusCode(), answer.body());
    return json(answer).path("faults").size();
  }

  private static HttpRequest.Builder admin(
      RemoteCacheMock mock, String route, String body, String contentType) {
    return Http.post(mock.baseUrl(), "/__admin/remote-cache" + route, body, contentType);
  }

  /** An answer read off the socket. */
  private record Raw(int status, String text) {
    JsonNode json() {
      try {
        return MockJson.mapper().readTree(text.substring(text.indexOf("\r\n\r\n") + 4));
      } catch (IOException e) {
        throw new UncheckedIOException(text, e);
      }
    }
  }

  private static Raw raw(RemoteCacheMock mock, String method, String path, String host)
      throws IOException {
    return raw(mock, method, path, host, null);
  }

  /** A request with the {@code Host} given, which {@code java.net.http} does not let one set. */
  private static Raw raw(
      RemoteCacheMock mock, String method, String path, String host, String authorization)
      throws IOException {
    try (Socket socket = new Socket("127.0.0.1", mock.port())) {
      socket.setSoTimeout(10_000);
      socket
          .getOutputStream()
          .write(
              (method
                      + " "
                      + path
                      + " HTTP/1.1\r\nHost: "
                      + host
                      + "\r\n"
                      + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
                      + "Connection: close\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      String text = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return new Raw(Integer.parseInt(text.substring(9, 12)), text);
    }
  }
}
