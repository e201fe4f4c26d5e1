package dev.remotecache.mock.internal.admin;

import dev.remotecache.mock.internal.http.Answer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The live view: one self-contained page (inline CSS and script, no external requests) at {@code
 * GET /__admin/remote-cache/ui}, that polls the admin API ({@code requests}, {@code journal},
 * {@code artifacts}, {@code status}) once a second and shows what the mock receives as it arrives.
 * It sits behind the admin API's door like the rest; a browser passes the admin token as {@code
 * ?token=}, which the page hands on to its own requests.
 *
 * <p>The page shows only untrusted text (paths, header values) and inserts it as text; its
 * Content-Security-Policy also allows only its own inline script and style (by hash) and requests
 * to this origin, so a slip would still run nothing.
 */
public final class LiveViewPage {

  /** Under {@code /__admin/remote-cache}. */
  static final String PATH = "/ui";

  /** The short address, redirected to the page: {@code /__ui}. */
  public static final String SHORT_PATH = "/__ui";

  static final String RESOURCE = "live-view.html";

  private final String html;
  private final String contentSecurityPolicy;

  LiveViewPage() {
    this.html = load();
    this.contentSecurityPolicy =
        "default-src 'none'; script-src "
            + hashOf(html, "script")
            + "; style-src "
            + hashOf(html, "style")
            + "; connect-src 'self'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
  }

  Answer answer() {
    return Answer.of(200)
        .withHeader("Content-Type", "text/html; charset=utf-8")
        .withHeader("Content-Security-Policy", contentSecurityPolicy)
        .withHeader("Cache-Control", "no-store")
        .withHeader("Referrer-Policy", "no-referrer")
        .withHeader("X-Content-Type-Options", "nosniff")
        .withHeader("X-Frame-Options", "DENY")
        .withBody(html.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * {@code GET /__ui} (and {@code /__ui/}): the short address of the page, redirected, keeping only
   * its {@code token} query parameter; empty for any other request.
   */
  public static Optional<Answer> redirect(
      String method, String path, Map<String, List<String>> query) {
    if (!("GET".equals(method) || "HEAD".equals(method))
        || !(SHORT_PATH.equals(path) || (SHORT_PATH + "/").equals(path))) {
      return Optional.empty();
    }
    List<String> token = query.getOrDefault("token", List.of());
    String location =
        "/__admin"
            + AdminApi.BASE
            + PATH
            + (token.isEmpty()
                ? ""
                : "?token=" + URLEncoder.encode(token.get(0), StandardCharsets.UTF_8));
    return Optional.of(
        Answer.of(302)
            .withHeader("Location", location)
            .withHeader("Cache-Control", "no-store")
            .withHeader("Referrer-Policy", "no-referrer"));
  }

  private static String load() {
    try (InputStream in = LiveViewPage.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            "the live view page is missing from the classpath: " + RESOURCE);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the live view page", e);
    }
  }

  /** {@code 'sha256-...'} of the one inline {@code <tag>} element's content, as CSP hashes it. */
  static String hashOf(String html, String tag) {
    int open = html.indexOf("<" + tag + ">");
    int close = html.indexOf("</" + tag + ">", open);
    if (open < 0 || close < 0 || html.indexOf("<" + tag + ">", open + 1) >= 0) {
      throw new IllegalStateException(
          "the live view page must have exactly one <" + tag + "> element");
    }
    String content = html.substring(open + tag.length() + 2, close);
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8));
      return "'sha256-" + Base64.getEncoder().encodeToString(digest) + "'";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("no SHA-256 in this JDK", e);
    }
  }
}
