package dev.remotecache.mock;

import static dev.remotecache.mock.Http.EVENTS;
import static dev.remotecache.mock.Http.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.remote.RemoteWebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The live view in a real (headless) Chromium: requests sent to the mock appear with their verdict,
 * a rejected one shows its violations when clicked, stored artifacts and events appear, and markup
 * in what clients sent is shown as text, never run. Leaves a screenshot in {@code
 * target/live-view.png}.
 *
 * <p>Uses the installed browser and driver ({@code -Dremotecache.chromium}, {@code
 * -Dremotecache.chromedriver}; Debian's {@code chromium} and {@code chromium-driver} by default),
 * started here on 127.0.0.1, so Selenium never looks for or downloads a browser. Without them the
 * test is skipped, unless {@code -Dremotecache.requireBrowser=true}, which makes that a failure
 * (CI).
 */
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

  /**
   * Selenium's INFO lines (tracing set-up) say nothing useful here; kept referenced so the level
   * holds.
   */
  private static final java.util.logging.Logger SELENIUM_LOG =
      java.util.logging.Logger.getLogger("org.openqa.selenium");

  private static String skipped;
  private static Process chromedriver;
  private static Path profile;
  private static WebDriver browser;
  private static RemoteCacheMock mock;

  @BeforeAll
  static void startBrowser() throws Exception {
    Path chromium = Path.of(System.getProperty("remotecache.chromium", "/usr/bin/chromium"));
    Path driver = Path.of(System.getProperty("remotecache.chromedriver", "/usr/bin/chromedriver"));
    List<String> missing =
        Stream.of(chromium, driver)
            .filter(p -> !Files.isExecutable(p))
            .map(Path::toString)
            .toList();
    if (!missing.isEmpty()) {
      String message =
          "the live view's browser test needs Chromium and its driver; not found: "
              + String.join(", ", missing)
              + " (Debian: apt-get install chromium chromium-driver; or set"
              + " -Dremotecache.chromium / -Dremotecache.chromedriver)";
      if (Boolean.getBoolean("remotecache.requireBrowser")) {
        fail(message + ". -Dremotecache.requireBrowser=true: a missing browser is a failure");
      }
      skipped = message; // reported on each test (an abort here would count no test at all)
      return;
    }

    SELENIUM_LOG.setLevel(java.util.logging.Level.WARNING);
    int port = freePort();
    Path log = Path.of("target", "chromedriver.log");
    Files.createDirectories(log.getParent());
    chromedriver =
        new ProcessBuilder(driver.toString(), "--port=" + port, "--log-level=WARNING")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    URL driverUrl = URI.create("http://127.0.0.1:" + port).toURL();
    awaitDriver(driverUrl, log);

    profile = Files.createTempDirectory("live-view-chromium");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium.toString());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-extensions",
        "--user-data-dir=" + profile,
        "--window-size=1280,960",
        "--force-device-scale-factor=1",
        "--lang=en-US");
    browser = new RemoteWebDriver(driverUrl, options);
    browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(20));

    mock = RemoteCacheMock.builder().port(0).adminToken(ADMIN_TOKEN).build().start();
  }

  @BeforeEach
  void needsTheBrowser() {
    Assumptions.assumeTrue(skipped == null, () -> "skipped: " + skipped);
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
    if (browser != null) {
      browser.quit();
    }
    if (chromedriver != null) {
      chromedriver.destroy();
    }
    if (mock != null) {
      mock.close();
    }
    if (profile != null) {
      try (Stream<Path> files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @Test
  void showsRequestsAsTheyArriveWithTheirVerdictViolationsEventsAndArtifactsAsText()
      throws IOException {
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
        List.of("6", "3", "1", "2", "2", "1", "0"),
        browser.findElements(By.cssSelector(".count b")).stream().map(WebElement::getText).toList(),
        "requests, accepted, 4xx, rejected, events, artifacts, dropped");

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

  /** For people to look at: {@code target/NAME}. */
  private static void screenshot(String name) throws IOException {
    Files.copy(
        ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(),
        Path.of("target", name),
        StandardCopyOption.REPLACE_EXISTING);
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

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static void awaitDriver(URL driverUrl, Path log) throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      if (!chromedriver.isAlive()) {
        fail("chromedriver exited: " + Files.readString(log));
      }
      try {
        HttpResponse<String> status =
            client.send(
                HttpRequest.newBuilder(driverUrl.toURI().resolve("/status"))
                    .timeout(Duration.ofSeconds(2))
                    .GET()
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (status.statusCode() == 200 && status.body().contains("\"ready\":true")) {
          return;
        }
      } catch (IOException notYet) {
        // still starting
      }
      Thread.sleep(100);
    }
    fail("chromedriver did not answer within 20 s: " + Files.readString(log));
  }
}
