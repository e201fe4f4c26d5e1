package dev.remotecache.mock;

import static dev.remotecache.mock.Http.EVENTS;
import static dev.remotecache.mock.Http.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The live view in a real (headless) Chromium: requests sent to the mock appear with their verdict,
 * a rejected one shows its violations when clicked, stored artifacts and events appear, and markup
 * in what clients sent is shown as text, never run. Leaves a screenshot in {@code
 * target/live-view.png}.
 *
 * <p>Uses the installed browser and driver ({@link HeadlessChromium}): without them the test is
 * skipped, unless {@code -Dremotecache.requireBrowser=true} (CI).
 */
@Tag("system")
class LiveViewBrowserTest {

  private static final String ADMIN_TOKEN = "ui-admin-token";
  private static final String HASH = "6304b9faf99a2e19";
  private static final String SCRIPT_IN_HEADER = "<script>window.__xss=1</script>";
  private static final String IMG_IN_TAG = "<img src=x onerror=window.__xss=2>";
  private static final String IMG_IN_SLUG = "<img src=x onerror=\"window.__xss=3\">";
  private static final String IMG_IN_PATH = "<img src=x onerror=window.__xss=4>";
  private static final String EVENT =
      """
            {"sessionId":"56699e9f-0892-44d5-b956-3f2ddfd4512e","source":"%s","event":"%s","hash":"%s","duration":%s}""";

  private static HeadlessChromium chromium;
  private static WebDriver browser;
  private static RemoteCacheMock mock;

  @BeforeAll
  static void startBrowser() throws Exception {
    chromium = HeadlessChromium.start("live-view");
    browser = chromium.browser();
    mock = RemoteCacheMock.builder().port(0).adminToken(ADMIN_TOKEN).build().start();
  }

  @BeforeEach
  void needsTheBrowser() {
    chromium.assumeAvailable();
  }

  /**
   * The texts of the coverage table's row for an operation, read in one go (the page redraws the
   * table when the coverage changes), or {@code null} before the page shows it.
   */
  @SuppressWarnings("unchecked")
  private static List<String> coverageRow(String operationId) {
    return (List<String>)
        ((JavascriptExecutor) browser)
            .executeScript(
                "var rows = document.querySelectorAll('#coverage tr.operation');"
                    + "for (var i = 0; i < rows.length; i++) {"
                    + "  var cells = Array.from(rows[i].cells, function (td) { return td.textContent; });"
                    + "  if (cells[0] === arguments[0]) return cells;"
                    + "}"
                    + "return null;",
                operationId);
  }

  @AfterAll
  static void stopBrowser() throws IOException {
    if (chromium != null) {
      chromium.close();
    }
    if (mock != null) {
      mock.close();
    }
  }

  @Test
  void showsRequestsAsTheyArriveWithTheirVerdictViolationsEventsAndArtifactsAsText()
      throws IOException {
    mock.reset();
    browser.get(mock.baseUrl() + "/__ui?token=" + ADMIN_TOKEN);
    assertEquals(
        mock.baseUrl() + "/__admin/remote-cache/ui?token=" + ADMIN_TOKEN, browser.getCurrentUrl());
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
    wait.until(ExpectedConditions.textToBe(By.id("status"), "enabled"));
    wait.until(ExpectedConditions.attributeContains(By.id("conn"), "class", "live"));
    screenshot("live-view-empty.png");

    String base = mock.baseUrl();
    assertEquals(
        200,
        send(Http.authorizedPost(
                    base, EVENTS + "?slug=my-team", "[" + event("LOCAL", "MISS", 0) + "]")
                .header("x-artifact-client-ci", SCRIPT_IN_HEADER))
            .statusCode());
    assertEquals(
        202,
        send(HttpRequest.newBuilder(URI.create(base + "/v8/artifacts/" + HASH + "?slug=my-team"))
                .header("Authorization", "Bearer test-token")
                .header("Content-Type", "application/octet-stream")
                .header("x-artifact-duration", "178")
                .header("x-artifact-tag", IMG_IN_TAG)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[3 * 1024])))
            .statusCode());
    assertEquals(
        200,
        send(Http.authorizedPost(
                base,
                EVENTS + "?slug=" + encode(IMG_IN_SLUG),
                "[" + event("REMOTE", "HIT", 178) + "]"))
            .statusCode());
    assertEquals(
        400,
        send(Http.authorizedPost(base, EVENTS, "[" + event("local", "HIT", -1) + "]"))
            .statusCode());
    assertEquals(
        400,
        send(HttpRequest.newBuilder(URI.create(base + "/v8/artifacts/" + encode(IMG_IN_PATH)))
                .header("Authorization", "Bearer test-token")
                .GET())
            .statusCode());
    assertEquals(
        404,
        send(HttpRequest.newBuilder(URI.create(base + "/v8/artifacts/ffff?slug=my-team"))
                .header("Authorization", "Bearer test-token")
                .GET())
            .statusCode());

    wait.until(d -> d.findElements(By.cssSelector("#requests > tbody")).size() == 6);
    wait.until(ExpectedConditions.textToBe(By.cssSelector("#count-events b"), "2"));
    Map<String, String> verdicts =
        browser.findElements(By.cssSelector("#requests > tbody")).stream()
            .collect(
                Collectors.toMap(
                    row -> row.findElement(By.cssSelector("span.url")).getText(),
                    row -> row.getDomAttribute("class").replace("fresh", "").trim(),
                    (a, b) -> a + "," + b));
    assertEquals(
        Map.of(
            EVENTS + "?slug=my-team",
            "ok",
            "/v8/artifacts/" + HASH + "?slug=my-team",
            "ok",
            EVENTS + "?slug=" + encode(IMG_IN_SLUG),
            "ok",
            EVENTS,
            "bad",
            "/v8/artifacts/" + encode(IMG_IN_PATH),
            "bad",
            "/v8/artifacts/ffff?slug=my-team",
            "warn"),
        verdicts);
    assertEquals(
        "/v8/artifacts/ffff?slug=my-team",
        browser.findElement(By.cssSelector("#requests > tbody:first-of-type span.url")).getText(),
        "newest first");
    assertEquals(
        List.of("6", "3", "1", "2", "0", "0", "0", "2", "1", "0"),
        browser.findElements(By.cssSelector(".count b")).stream().map(WebElement::getText).toList(),
        "requests, accepted, 4xx, rejected, 5xx, faults/forced, preflights, events, artifacts,"
            + " dropped");

    // A rejected request's violations, on click.
    WebElement rejected = rowFor(EVENTS);
    assertTrue(
        rejected.getText().contains("body /0/source must be one of [LOCAL, REMOTE]"),
        "summary in the row");
    rejected.findElement(By.cssSelector("tr.main")).click();
    wait.until(d -> !rejected.findElements(By.cssSelector("tr.violation")).isEmpty());
    List<List<String>> violations =
        rejected.findElements(By.cssSelector("tr.violation")).stream()
            .map(tr -> tr.findElements(By.tagName("td")).stream().map(WebElement::getText).toList())
            .toList();
    assertTrue(
        violations.contains(
            List.of(
                "body",
                "/0/source",
                "enum",
                "[\"LOCAL\", \"REMOTE\"]",
                "\"local\"",
                "must be one of [LOCAL, REMOTE], got \"local\"")),
        violations.toString());
    assertTrue(
        violations.contains(
            List.of("body", "/0/duration", "minimum", "0", "-1", "must be at least 0, got -1")),
        violations.toString());

    // Markup that came in a path, a header, a query parameter: shown as text, never run.
    WebElement pathRow = rowFor("/v8/artifacts/" + encode(IMG_IN_PATH));
    pathRow.findElement(By.cssSelector("tr.main")).click();
    wait.until(d -> !pathRow.findElements(By.cssSelector("tr.violation")).isEmpty());
    assertEquals(
        "\"" + IMG_IN_PATH + "\"",
        pathRow.findElement(By.cssSelector("tr.violation td:nth-child(5)")).getText());
    WebElement artifact =
        wait.until(
            ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#artifacts tr.artifact")));
    assertEquals(
        List.of("my-team", HASH, "3.0 KB", "178", IMG_IN_TAG),
        artifact.findElements(By.tagName("td")).stream().map(WebElement::getText).toList());
    List<WebElement> events = browser.findElements(By.cssSelector("#events tr.event"));
    assertEquals(
        List.of(IMG_IN_SLUG, "REMOTE", "HIT", HASH, "178"),
        events.get(0).findElements(By.tagName("td")).stream()
            .skip(1)
            .map(WebElement::getText)
            .toList(),
        "newest first");
    assertEquals("my-team", events.get(1).findElement(By.cssSelector("td:nth-child(2)")).getText());
    assertTrue(
        events
            .get(1)
            .findElement(By.cssSelector("td:nth-child(2)"))
            .getDomAttribute("title")
            .contains("CI " + SCRIPT_IN_HEADER));
    JavascriptExecutor js = (JavascriptExecutor) browser;
    assertEquals(
        "undefined", js.executeScript("return typeof window.__xss"), "no injected script ran");
    assertEquals(
        0L, js.executeScript("return document.images.length"), "no element was made from data");
    assertEquals(1L, js.executeScript("return document.scripts.length"));

    // The contract coverage: per operation of the spec, the answers met and the documented ones
    // never met.
    List<String> uploadNeverMet =
        dev.remotecache.contract.core.ApiContract.load()
            .route("uploadArtifact")
            .orElseThrow()
            .operation()
            .getResponses()
            .keySet()
            .stream()
            .filter(code -> !code.equals("202"))
            .toList();
    wait.until(
        d ->
            coverageRow("uploadArtifact") != null
                && coverageRow("uploadArtifact").get(1).equals("1"));
    assertEquals(
        List.of("uploadArtifact", "1", "202×1", String.join(" ", uploadNeverMet), "—"),
        coverageRow("uploadArtifact"));
    assertEquals("3", coverageRow("recordEvents").get(1));
    assertTrue(
        coverageRow("recordEvents").get(4).contains("enum body /0/source×1"),
        coverageRow("recordEvents").toString());

    // The status, when it changes.
    assertEquals(
        200,
        send(HttpRequest.newBuilder(URI.create(base + "/__admin/remote-cache/status"))
                .header("Authorization", "Bearer " + ADMIN_TOKEN)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"status\":\"paused\"}")))
            .statusCode());
    wait.until(ExpectedConditions.textToBe(By.id("status"), "paused"));

    screenshot("live-view.png");
    assertEquals(
        6, mock.journal().requests().size(), "the page itself sent no API request (no favicon)");

    browser.findElement(By.id("only-rejected")).click();
    assertEquals(
        List.of("bad", "bad"),
        browser.findElements(By.cssSelector("#requests > tbody")).stream()
            .filter(WebElement::isDisplayed)
            .map(row -> row.getDomAttribute("class").split(" ")[0])
            .toList());

    // Forgetting the journal empties the view (and it goes on from there).
    assertEquals(
        200,
        send(HttpRequest.newBuilder(URI.create(base + "/__admin/remote-cache/journal"))
                .header("Authorization", "Bearer " + ADMIN_TOKEN)
                .DELETE())
            .statusCode());
    wait.until(d -> d.findElements(By.cssSelector("#requests > tbody")).isEmpty());
    wait.until(ExpectedConditions.textToBe(By.cssSelector("#count-events b"), "0"));
    assertEquals(
        400,
        send(Http.authorizedPost(base, EVENTS, "[" + event("local", "HIT", 1) + "]")).statusCode());
    wait.until(d -> d.findElements(By.cssSelector("#requests > tbody.bad")).size() == 1);
    assertEquals("1", browser.findElement(By.cssSelector("#count-requests b")).getText());
  }

  /**
   * Each answer by its real class, in the page and its counts: an injected 5xx is a fault, not an
   * accepted request; a forced answer, a CORS preflight, a miss, a rejection each their own. An
   * upload with no team shows its owner in words, whole.
   */
  @Test
  void showsEachAnswerByItsClassAndAnUploadWithNoTeamWhole() throws IOException {
    mock.reset();
    browser.get(mock.baseUrl() + "/__ui?token=" + ADMIN_TOKEN);
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
    wait.until(ExpectedConditions.attributeContains(By.id("conn"), "class", "live"));

    String base = mock.baseUrl();
    String upload = "/v8/artifacts/" + HASH;
    assertEquals(
        202,
        send(HttpRequest.newBuilder(URI.create(base + upload))
                .header("Authorization", "Bearer test-token")
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[10])))
            .statusCode());
    assertEquals(
        404,
        send(HttpRequest.newBuilder(URI.create(base + "/v8/artifacts/ffff"))
                .header("Authorization", "Bearer test-token")
                .GET())
            .statusCode());
    assertEquals(
        403,
        send(HttpRequest.newBuilder(URI.create(base + "/v8/artifacts?slug=forced"))
                .header("Authorization", "Bearer test-token")
                .header("Content-Type", "application/json")
                .header("Prefer", "code=403")
                .POST(HttpRequest.BodyPublishers.ofString("{\"hashes\":[\"" + HASH + "\"]}")))
            .statusCode());
    assertEquals(
        204,
        send(HttpRequest.newBuilder(URI.create(base + upload + "?slug=preflight"))
                .header("Access-Control-Request-Method", "PUT")
                .header("Origin", "http://dashboard.example")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()))
            .statusCode());
    assertEquals(
        401,
        send(HttpRequest.newBuilder(URI.create(base + "/v8/artifacts/status?slug=rejected")).GET())
            .statusCode());
    mock.injectFault(dev.remotecache.mock.overrides.FaultRule.serverError("status", 503).times(1));
    assertEquals(
        503,
        send(HttpRequest.newBuilder(URI.create(base + "/v8/artifacts/status?slug=fault"))
                .header("Authorization", "Bearer test-token")
                .GET())
            .statusCode());

    wait.until(d -> d.findElements(By.cssSelector("#requests > tbody")).size() == 6);
    Map<String, String> verdicts =
        browser.findElements(By.cssSelector("#requests > tbody")).stream()
            .collect(
                Collectors.toMap(
                    row -> row.findElement(By.cssSelector("span.url")).getText(),
                    row ->
                        row.getDomAttribute("class").replace("fresh", "").trim()
                            + " "
                            + row.findElement(By.cssSelector(".verdict")).getText()
                            + " "
                            + row.findElement(By.cssSelector("td.code")).getText()));
    assertEquals(
        Map.of(
            upload,
            "ok accepted 202",
            "/v8/artifacts/ffff",
            "warn error answer 404",
            "/v8/artifacts?slug=forced",
            "forced forced 403",
            upload + "?slug=preflight",
            "preflight preflight 204",
            "/v8/artifacts/status?slug=rejected",
            "bad rejected 401",
            "/v8/artifacts/status?slug=fault",
            "fault fault 503"),
        verdicts);
    assertTrue(
        rowFor(upload + "?slug=preflight").getText().contains("for PUT (uploadArtifact)"),
        "a preflight says what it asks about");
    assertTrue(
        rowFor("/v8/artifacts/status?slug=fault").getText().contains("fault: SERVER_ERROR"),
        "a fault says which");
    wait.until(ExpectedConditions.textToBe(By.cssSelector("#count-artifacts b"), "1"));
    assertEquals(
        List.of("6", "1", "1", "1", "0", "2", "1", "0", "1", "0"),
        browser.findElements(By.cssSelector(".count b")).stream().map(WebElement::getText).toList(),
        "requests, accepted, 4xx, rejected, 5xx, faults/forced, preflights, events, artifacts,"
            + " dropped");

    WebElement owner =
        wait.until(
            ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#artifacts tr.artifact td.team")));
    assertEquals("token owner", owner.getText());
    JavascriptExecutor js = (JavascriptExecutor) browser;
    assertEquals(
        Boolean.TRUE,
        js.executeScript("return arguments[0].scrollWidth <= arguments[0].clientWidth", owner),
        "the team is shown whole, not cut off");
    screenshot("live-view-classes.png");
  }

  private static void screenshot(String name) throws IOException {
    chromium.screenshot(name);
  }

  private static WebElement rowFor(String url) {
    List<WebElement> rows = new ArrayList<>();
    for (WebElement row : browser.findElements(By.cssSelector("#requests > tbody"))) {
      if (row.findElement(By.cssSelector("span.url")).getText().equals(url)) {
        rows.add(row);
      }
    }
    assertEquals(1, rows.size(), url);
    return rows.get(0);
  }

  private static String event(String source, String event, Object duration) {
    return EVENT.formatted(source, event, HASH, duration);
  }

  private static String encode(String value) {
    return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8)
        .replace("+", "%20");
  }
}
