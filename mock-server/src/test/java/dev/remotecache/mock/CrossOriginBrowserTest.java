package dev.remotecache.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.remotecache.mock.internal.http.MockJson;
import dev.remotecache.mock.journal.AnswerClass;
import dev.remotecache.mock.journal.RequestRecord;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A dashboard on another origin: a page served by a second HTTP server (another port, so another
 * origin) calls the mock with {@code fetch} in headless Chromium, with a bearer token: it uploads
 * an artifact with its {@code x-artifact-*} headers, downloads it reading {@code
 * x-artifact-duration} and {@code x-artifact-tag}, records an event, and reads a 401's error. The
 * page writes what it got into its DOM; the test reads it there and in the mock's journal.
 */
@Tag("system")
class CrossOriginBrowserTest {

  private static final String TOKEN = "dashboard-token";

  private static HeadlessChromium chromium;
  private static WebDriver browser;
  private static RemoteCacheMock mock;
  private static PageServer pageServer;

  @BeforeAll
  static void start() throws Exception {
    chromium = HeadlessChromium.start("cross-origin");
    browser = chromium.browser();
    mock = RemoteCacheMock.builder().port(0).token(TOKEN).build().start();
    pageServer =
        PageServer.serving(
            CrossOriginBrowserTest.class, "cross-origin-page.html", "/dashboard.html");
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
  void aPageOnAnotherOriginUploadsDownloadsAndRecordsEventsWithItsToken() throws IOException {
    String pageOrigin = pageServer.origin();
    assertTrue(!mock.baseUrl().equals(pageOrigin), "two origins");
    browser.get(
        pageOrigin
            + "/dashboard.html?api="
            + URLEncoder.encode(mock.baseUrl(), StandardCharsets.UTF_8)
            + "&token="
            + TOKEN);
    new WebDriverWait(browser, Duration.ofSeconds(20))
        .until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-done")));
    JsonNode result = MockJson.mapper().readTree(browser.findElement(By.id("result")).getText());
    chromium.screenshot("cross-origin.png");

    assertEquals(pageOrigin, result.get("origin").asText());
    assertEquals(202, result.at("/upload/status").asInt(), result.toString());
    assertTrue(
        result.at("/upload/body/urls/0").asText().contains("/v8/artifacts/0a1b2c3d4e5f"),
        result.toString());
    JsonNode download = result.get("download");
    assertEquals(200, download.path("status").asInt(), result.toString());
    assertTrue(download.get("identical").asBoolean(), "the bytes come back unchanged");
    assertEquals("321", download.get("duration").asText(), "x-artifact-duration is exposed");
    assertEquals("dGFnLWZyb20tYS1wYWdl", download.get("tag").asText(), "x-artifact-tag too");
    assertEquals(
        ("artifact bytes from a page on " + pageOrigin).length(),
        download.get("length").asInt(),
        "and Content-Length");
    assertEquals(200, result.at("/events/status").asInt(), result.toString());
    assertEquals(401, result.at("/noToken/status").asInt(), "an error is readable too: " + result);
    assertEquals("not_authorized", result.at("/noToken/code").asText());
    assertTrue(result.at("/noToken/wwwAuthenticate").asText().startsWith("Bearer"), "" + result);

    // The browser asked first, for each call it had to (a token, a JSON or binary body).
    List<RequestRecord> requests = mock.journal().requests();
    Set<String> preflights =
        requests.stream()
            .filter(r -> r.answerClass() == AnswerClass.PREFLIGHT)
            .map(r -> r.summary())
            .collect(Collectors.toSet());
    // The GET may go without one: the browser may keep the PUT's answer for the same URL (Max-Age).
    assertTrue(
        preflights.containsAll(Set.of("for PUT (uploadArtifact)", "for POST (recordEvents)"))
            && Set.of(
                    "for PUT (uploadArtifact)",
                    "for GET (downloadArtifact)",
                    "for POST (recordEvents)")
                .containsAll(preflights),
        requests.toString());
    assertEquals(1, mock.verify().requests("uploadArtifact").list().size());
    mock.verify().events().team("dashboard").hasCount(1);
    assertEquals(
        List.of("GET /v8/artifacts/status?slug=dashboard"),
        mock.rejections().stream().map(r -> r.method() + " " + r.url()).toList(),
        "only the call without a token is refused");
  }
}
