package dev.remotecache.mock;

import static dev.remotecache.mock.Http.EVENTS;
import static dev.remotecache.mock.Http.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.remotecache.mock.internal.admin.AdminAccessPolicy;
import dev.remotecache.mock.junit.RemoteCacheMockExtension;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The live view over plain HTTP: its addresses, its page, and the admin token as a query parameter.
 */
class LiveViewTest {

  private static final String PAGE = "/__admin/remote-cache/ui";

  @RegisterExtension static RemoteCacheMockExtension mock = new RemoteCacheMockExtension();

  private static HttpResponse<String> get(String baseUrl, String pathAndQuery) {
    return send(
        HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery)).GET()); // redirects not followed
  }

  @Test
  void theShortAddressRedirectsToThePageKeepingOnlyTheToken() throws InterruptedException {
    for (String path : List.of("/__ui", "/__ui/")) {
      HttpResponse<String> redirect = get(mock.baseUrl(), path);
      assertEquals(302, redirect.statusCode(), path);
      assertEquals(PAGE, redirect.headers().firstValue("Location").orElseThrow(), path);
    }
    assertEquals(
        PAGE + "?token=a+b%26c",
        get(mock.baseUrl(), "/__ui?x=1&token=a%20b%26c&y=2")
            .headers()
            .firstValue("Location")
            .orElseThrow());
    assertEquals(
        List.of(), mock.mock().journal().requests(), "the short address is not an API request");

    assertEquals(404, get(mock.baseUrl(), "/__uix").statusCode(), "only the exact address");
    assertEquals(404, get(mock.baseUrl(), "/v8/__ui").statusCode());
    assertFalse(
        send(Http.post(mock.baseUrl(), "/__ui", "{}")).statusCode() == 302, "GET and HEAD only");
    for (int i = 0; i < 100 && mock.mock().journal().requests().size() < 3; i++) {
      Thread.sleep(20); // recorded once the answer is sent
    }
    assertEquals(
        3, mock.mock().journal().requests().size(), "the others are API requests like any");
  }

  @Test
  void thePageIsOneSelfContainedFileThatNeverParsesDataAsHtml() throws Exception {
    HttpResponse<String> page = get(mock.baseUrl(), PAGE);
    assertEquals(200, page.statusCode());
    assertEquals(
        "text/html; charset=utf-8", page.headers().firstValue("Content-Type").orElseThrow());
    String html = page.body();
    assertTrue(html.contains("Remote Cache mock · live"), "UTF-8 survives");
    assertFalse(
        Pattern.compile("(?i)\\b(src|href)\\s*=\\s*\"(?!data:)").matcher(html).find(),
        "nothing loaded from elsewhere");
    assertFalse(html.matches("(?s).*https?://.*"), "no external address");
    for (String sink :
        List.of(
            "innerHTML",
            "outerHTML",
            "insertAdjacentHTML",
            "document.write",
            "eval(",
            "new Function",
            "setAttribute('on",
            "style=\"")) {
      assertFalse(html.contains(sink), "the page must not use " + sink);
    }

    String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
    assertTrue(csp.startsWith("default-src 'none';"), csp);
    assertTrue(
        csp.contains("script-src " + sha256Of(html, "script") + ";"),
        "only the page's own script: " + csp);
    assertTrue(
        csp.contains("style-src " + sha256Of(html, "style") + ";"),
        "only the page's own style: " + csp);
    assertTrue(csp.contains("connect-src 'self'"), csp);
    assertEquals("nosniff", page.headers().firstValue("X-Content-Type-Options").orElseThrow());
    assertEquals(List.of(), mock.mock().journal().requests(), "the page is not an API request");
  }

  @Test
  void theAdminTokenMayComeAsATokenQueryParameterAndIsNeverLogged() throws InterruptedException {
    List<String> log = new CopyOnWriteArrayList<>();
    try (RemoteCacheMock secured =
        RemoteCacheMock.builder()
            .port(0)
            .adminToken("admin-secret")
            .requestLog(log::add)
            .build()
            .start()) {
      String base = secured.baseUrl();
      assertEquals(
          200, get(base, "/__admin/remote-cache/requests?since=0&token=admin-secret").statusCode());
      assertEquals(200, get(base, PAGE + "?token=admin-secret").statusCode());
      assertEquals(
          200,
          get(base, "/__admin/mappings?token=admin-secret").statusCode(),
          "the same door for WireMock's own admin API");

      HttpResponse<String> wrong = get(base, "/__admin/remote-cache/requests?token=admin-secreT");
      assertEquals(401, wrong.statusCode());
      assertFalse(wrong.body().contains("admin-secre"), wrong.body());
      assertEquals(401, get(base, "/__admin/remote-cache/journal?token=").statusCode());
      assertEquals(401, get(base, PAGE).statusCode(), "the page is behind the door too");
      assertEquals(
          401,
          send(HttpRequest.newBuilder(URI.create(base + "/__admin/remote-cache/journal"))
                  .header("Authorization", "Bearer wrong")
                  .GET())
              .statusCode());

      assertEquals(
          PAGE + "?token=admin-secret",
          get(base, "/__ui?token=admin-secret").headers().firstValue("Location").orElseThrow());
      send(Http.authorizedPost(base, EVENTS, "[]"));
      for (int i = 0; i < 100 && log.isEmpty(); i++) {
        Thread.sleep(20); // the line is written once the answer is sent
      }
      assertEquals(1, log.size(), "only the API request is logged: " + log);
      assertTrue(
          log.stream().noneMatch(line -> line.contains("/__") || line.contains("admin-secret")),
          log.toString());
    }
  }

  @Test
  void theQueryTokenOpensOnlyAMockThatHasAnAdminToken() {
    assertTrue(AdminAccessPolicy.allows("t0k", "192.0.2.10", null, "t0k"));
    assertFalse(AdminAccessPolicy.allows("t0k", "192.0.2.10", null, "t0K"));
    assertFalse(AdminAccessPolicy.allows("t0k", "127.0.0.1", null, "t0"));
    assertFalse(AdminAccessPolicy.allows("t0k", "127.0.0.1", null, null));
    assertTrue(
        AdminAccessPolicy.allows("t0k", "192.0.2.10", "Bearer t0k", "wrong"), "either way in");
    assertTrue(
        AdminAccessPolicy.allows("t0k", "192.0.2.10", "bEARER t0k"), "the scheme in any case");
    assertFalse(AdminAccessPolicy.allows("t0k", "192.0.2.10", "bEARER t0K"));
    assertFalse(
        AdminAccessPolicy.allows(null, "192.0.2.10", null, "t0k"),
        "without an admin token, the network stays out whatever the query says");
    assertTrue(AdminAccessPolicy.allows(null, "127.0.0.1", null, "anything"));
  }

  /** CSP's hash of the page's one inline element, computed independently of the server's. */
  private static String sha256Of(String html, String tag) throws Exception {
    Matcher m = Pattern.compile("(?s)<" + tag + ">(.*?)</" + tag + ">").matcher(html);
    assertTrue(m.find(), "one <" + tag + ">");
    byte[] digest =
        MessageDigest.getInstance("SHA-256").digest(m.group(1).getBytes(StandardCharsets.UTF_8));
    return "'sha256-" + Base64.getEncoder().encodeToString(digest) + "'";
  }
}
