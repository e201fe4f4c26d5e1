package dev.remotecache.mock;

import static dev.remotecache.mock.Http.EVENTS;
import static dev.remotecache.mock.Http.VALID_EVENT;
import static dev.remotecache.mock.Http.authorizedPost;
import static dev.remotecache.mock.Http.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.remotecache.mock.internal.http.MockJson;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A hostile page in the owner's browser (headless Chromium): served by a second HTTP server, so
 * from another origin, it tries what any page can against a mock with no admin token on this
 * machine: text/plain POSTs and a beacon (no preflight), requests that need a preflight, WireMock's
 * reset, a shutdown, and a read of the journal; and a name that DNS rebinding pointed at the mock.
 * The mock's state stays as it was, and the page reads nothing; the mock's own live view still
 * works. The curl side is {@code AdminSecurityTest}.
 */
@Tag("system")
class AdminBrowserAttackTest {

  /** A name the browser resolves to this machine, as DNS rebinding would make it. */
  private static final String REBOUND = "rebound.example";

  private static final String NO_OVERRIDES = "{\"faults\":[]}{\"forcedResponses\":[]}";

  private static final List<String> log = new CopyOnWriteArrayList<>();
  private static HeadlessChromium chromium;
  private static WebDriver browser;
  private static RemoteCacheMock mock;
  private static PageServer pageServer;

  @BeforeAll
  static void start() throws Exception {
    chromium =
        HeadlessChromium.start(
            "admin-attack",
            List.of(
                "--host-resolver-rules=MAP " + REBOUND + " 127.0.0.1",
                // No attempt at https first for a name that is not localhost.
                "--disable-features=HttpsUpgrades"));
    browser = chromium.browser();
    mock = RemoteCacheMock.builder().port(0).requestLog(log::add).build().start();
    pageServer =
        PageServer.serving(AdminBrowserAttackTest.class, "admin-attack-page.html", "/attack.html");
  }

  @BeforeEach
  void needsTheBrowser() {
    chromium.assumeAvailable();
  }

  @AfterAll
  static void stop() throws IOException {
    if (chromium != null) {
      chromium.close();
    }
    if (pageServer != null) {
      pageServer.close();
    }
    if (mock != null) {
      mock.close();
    }
  }

  @Test
  void aPageOnAnotherOriginChangesNothingAndReadsNothing() throws IOException {
    mock.reset();
    assertEquals(
        200, send(authorizedPost(mock.baseUrl(), EVENTS, "[" + VALID_EVENT + "]")).statusCode());
    log.clear();

    String pageOrigin = pageServer.origin();
    browser.get(
        pageOrigin
            + "/attack.html?mock="
            + URLEncoder.encode(mock.baseUrl(), StandardCharsets.UTF_8));
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-done")));
    // The beacon leaves when the browser chooses: wait until the mock has seen it (refused, or
    // obeyed).
    wait.until(
        d ->
            refused("POST /__admin/remote-cache/forced-responses (admin-origin)")
                || !mock.isRunning()
                || !overrides().equals(NO_OVERRIDES));
    JsonNode result = MockJson.mapper().readTree(browser.findElement(By.id("result")).getText());
    chromium.screenshot("admin-attack.png");

    assertTrue(result.path("journal").asText().startsWith("blocked"), result.toString());
    assertTrue(result.path("faultAsJson").asText().startsWith("blocked"), result.toString());
    assertTrue(result.path("forgetJournal").asText().startsWith("blocked"), result.toString());
    assertEquals("queued: true", result.path("beacon").asText(), result.toString());

    assertTrue(mock.isRunning(), "not shut down");
    assertEquals(1, mock.events().size(), "the journal is as it was");
    assertEquals(NO_OVERRIDES, overrides());
    // The simple requests did reach the mock, which refused them; the others stopped at the
    // preflight, which it refused too.
    for (String line :
        List.of(
            "POST /__admin/remote-cache/faults (admin-origin)",
            "POST /__admin/reset (admin-origin)",
            "POST /__admin/shutdown (admin-origin)",
            "GET /__admin/remote-cache/journal (admin-origin)",
            "OPTIONS /__admin/remote-cache/faults (admin-origin)",
            "OPTIONS /__admin/remote-cache/journal (admin-origin)")) {
      assertTrue(refused(line), line + " in " + log);
    }
    assertEquals(
        200,
        send(Http.authorizedPost(mock.baseUrl(), EVENTS, "[" + VALID_EVENT + "]")).statusCode(),
        "no fault answers the API");
  }

  @Test
  void aNameReboundToThisMachineReadsNoJournal() {
    mock.reset();
    assertEquals(
        200, send(authorizedPost(mock.baseUrl(), EVENTS, "[" + VALID_EVENT + "]")).statusCode());
    // What a page at http://rebound.example:<port> would fetch once its name points here.
    browser.get("http://" + REBOUND + ":" + mock.port() + "/__admin/remote-cache/journal");
    String shown = browser.findElement(By.tagName("body")).getText();
    assertTrue(shown.contains("\"forbidden\"") && shown.contains("admin-host"), shown);
    assertFalse(shown.contains("batches"), shown);
    browser.get("http://" + REBOUND + ":" + mock.port() + "/__ui");
    assertTrue(browser.findElement(By.tagName("body")).getText().contains("admin-host"));
  }

  @Test
  void theLiveViewWithoutAnAdminTokenStillWorks() {
    mock.reset();
    assertEquals(
        200, send(authorizedPost(mock.baseUrl(), EVENTS, "[" + VALID_EVENT + "]")).statusCode());
    for (String base : List.of(mock.baseUrl(), "http://localhost:" + mock.port())) {
      browser.get(base + "/__ui");
      WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
      wait.until(ExpectedConditions.textToBe(By.id("status"), "enabled"));
      wait.until(ExpectedConditions.textToBe(By.cssSelector("#count-events b"), "1"));
    }
  }

  /** The faults and forced responses set, as the admin API lists them to its owner. */
  private static String overrides() {
    return send(HttpRequest.newBuilder(URI.create(mock.baseUrl() + "/__admin/remote-cache/faults")))
            .body()
        + send(HttpRequest.newBuilder(
                URI.create(mock.baseUrl() + "/__admin/remote-cache/forced-responses")))
            .body();
  }

  private static boolean refused(String what) {
    return log.stream().anyMatch(line -> line.startsWith("remote-cache-mock: refused " + what));
  }
}
