package dev.remotecache.mock;

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
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.remote.RemoteWebDriver;

/**
 * The installed headless Chromium, driven through its chromedriver, for the browser tests: Debian's
 * {@code chromium} and {@code chromium-driver} by default ({@code -Dremotecache.chromium}, {@code
 * -Dremotecache.chromedriver} for others), started here on 127.0.0.1, so Selenium never looks for
 * or downloads a browser. Without them a test is skipped, unless {@code
 * -Dremotecache.requireBrowser=true}, which makes that a failure (CI).
 */
final class HeadlessChromium implements AutoCloseable {

  /**
   * Selenium's INFO lines (tracing set-up) say nothing useful here; kept referenced so the level
   * holds.
   */
  private static final java.util.logging.Logger SELENIUM_LOG =
      java.util.logging.Logger.getLogger("org.openqa.selenium");

  private final String skipped;
  private final Process chromedriver;
  private final Path profile;
  private final WebDriver browser;

  private HeadlessChromium(String skipped, Process chromedriver, Path profile, WebDriver browser) {
    this.skipped = skipped;
    this.chromedriver = chromedriver;
    this.profile = profile;
    this.browser = browser;
  }

  /**
   * Starts the browser; when it is not installed, a stand-in that skips each test that {@link
   * #assumeAvailable() needs it} (an abort in {@code @BeforeAll} would count no test at all).
   *
   * @param name names the driver's log ({@code target/NAME-chromedriver.log}) and the profile
   */
  static HeadlessChromium start(String name) throws Exception {
    return start(name, List.of());
  }

  /**
   * As {@link #start(String)}, with more command-line switches for Chromium (such as {@code
   * --host-resolver-rules}).
   */
  static HeadlessChromium start(String name, List<String> moreArguments) throws Exception {
    Path chromium = Path.of(System.getProperty("remotecache.chromium", "/usr/bin/chromium"));
    Path driver = Path.of(System.getProperty("remotecache.chromedriver", "/usr/bin/chromedriver"));
    List<String> missing =
        Stream.of(chromium, driver)
            .filter(p -> !Files.isExecutable(p))
            .map(Path::toString)
            .toList();
    if (!missing.isEmpty()) {
      String message =
          "the browser tests need Chromium and its driver; not found: "
              + String.join(", ", missing)
              + " (Debian: apt-get install chromium chromium-driver; or set"
              + " -Dremotecache.chromium / -Dremotecache.chromedriver)";
      if (Boolean.getBoolean("remotecache.requireBrowser")) {
        fail(message + ". -Dremotecache.requireBrowser=true: a missing browser is a failure");
      }
      return new HeadlessChromium(message, null, null, null);
    }

    SELENIUM_LOG.setLevel(java.util.logging.Level.WARNING);
    int port = freePort();
    Path log = Path.of("target", name + "-chromedriver.log");
    Files.createDirectories(log.getParent());
    Process process =
        new ProcessBuilder(driver.toString(), "--port=" + port, "--log-level=WARNING")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    URL driverUrl = URI.create("http://127.0.0.1:" + port).toURL();
    awaitDriver(process, driverUrl, log);

    Path profile = Files.createTempDirectory(name + "-chromium");
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
    options.addArguments(moreArguments);
    WebDriver browser = new RemoteWebDriver(driverUrl, options);
    browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(20));
    return new HeadlessChromium(null, process, profile, browser);
  }

  /** Skips the calling test when the browser is not installed (and not required). */
  void assumeAvailable() {
    Assumptions.assumeTrue(skipped == null, () -> "skipped: " + skipped);
  }

  WebDriver browser() {
    return browser;
  }

  /** For people to look at: {@code target/NAME}. */
  void screenshot(String name) throws IOException {
    Files.copy(
        ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(),
        Path.of("target", name),
        StandardCopyOption.REPLACE_EXISTING);
  }

  @Override
  public void close() throws IOException {
    if (browser != null) {
      browser.quit();
    }
    if (chromedriver != null) {
      chromedriver.destroy();
    }
    if (profile != null) {
      try (Stream<Path> files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static void awaitDriver(Process chromedriver, URL driverUrl, Path log) throws Exception {
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
