package dev.remotecache.mock.internal.admin;

import dev.remotecache.mock.internal.contract.ErrorCode;
import dev.remotecache.mock.internal.http.Answer;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What keeps a web page out of the admin API: the mock runs next to its owner's browser, and any
 * page the browser shows can send it requests. Three rules, checked on every admin request
 * (WireMock's own routes and the live view too), each refusal in the API's error shape naming its
 * rule:
 *
 * <ul>
 *   <li>{@value #HOST_RULE}: the {@code Host} must be a loopback name ({@code localhost}, {@code
 *       *.localhost}), an IP address, or the name the mock was told to bind; a page that DNS
 *       rebinding pointed at the mock sends its own name. With an admin token, any name: the token
 *       is the protection then (a container reached by its service name);
 *   <li>{@value #ORIGIN_RULE}: a request that carries an {@code Origin} must come from the mock's
 *       own origin (the live view); a browser sends one with every cross-origin fetch and POST;
 *   <li>{@value #CONTENT_TYPE_RULE}: a body must be {@code application/json}, which a browser sends
 *       across origins only after a preflight, and the admin API answers no preflight with CORS.
 * </ul>
 *
 * Clients that are not browsers (curl, the kit's own) send no {@code Origin} and pass.
 *
 * <p>A refusal is a security event its owner must see: it is logged as one line whether or not
 * requests are ({@link #report}).
 */
public final class AdminBrowserRules {

  private static final Logger LOG = LoggerFactory.getLogger(AdminBrowserRules.class);

  static final String HOST_RULE = "admin-host";
  static final String ORIGIN_RULE = "admin-origin";
  static final String CONTENT_TYPE_RULE = "admin-content-type";

  // A browser normalises an address in a URL to these forms before it sends it as Host, and a name
  // that is an address cannot be rebound to another one.
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern IPV6 = Pattern.compile("\\[[0-9a-f:.]+(%25[0-9a-z._~-]+)?]");

  /** One refusal: the answer to send, and the rule that made it. */
  public record Refusal(String rule, Answer answer, String reason) {

    /** A line for the log: what was refused, by which rule, and why. */
    public String logLine(String method, String uri) {
      return "remote-cache-mock: refused " + method + " " + uri + " (" + rule + "): " + reason;
    }
  }

  private final String boundName;
  private final boolean adminToken;
  private final Consumer<String> requestLog;

  /**
   * @param boundHost the address or name the mock was told to bind ({@code --host})
   * @param adminToken whether the admin API requires a token
   * @param requestLog where request lines go, or {@code null} when they are not logged ({@code
   *     --quiet}): refusals are logged as a warning then
   */
  public AdminBrowserRules(String boundHost, boolean adminToken, Consumer<String> requestLog) {
    this.boundName = boundHost == null ? null : nameOf(boundHost);
    this.adminToken = adminToken;
    this.requestLog = requestLog;
  }

  /** Logs one refusal, one line: beside the request lines, or as a warning when those are off. */
  public void report(Refusal refusal, String method, String uri) {
    String line = refusal.logLine(method, uri);
    if (requestLog != null) {
      requestLog.accept(line);
    } else {
      LOG.warn(line);
    }
  }

  /**
   * The refusal of an admin request, or empty when all three rules hold.
   *
   * @param host the {@code Host} header, or {@code null}
   * @param origin the {@code Origin} header, or {@code null}
   * @param contentType the {@code Content-Type} header, or {@code null}
   * @param hasBody whether the request carries a body (a length above 0, or chunked)
   */
  public Optional<Refusal> check(
      String method, String host, String origin, String contentType, boolean hasBody) {
    Optional<Refusal> refusal = checkHost(host);
    if (refusal.isPresent()) {
      return refusal;
    }
    if (origin != null && !sameOrigin(origin, host)) {
      return Optional.of(
          forbidden(
              ORIGIN_RULE,
              "the admin API takes no request from a page on another origin, and this one came"
                  + " from Origin "
                  + quoted(origin)
                  + (host == null ? "" : " (the mock's own is http://" + host + ")")));
    }
    boolean readsNoBody = "GET".equals(method) || "HEAD".equals(method);
    if (!readsNoBody && (hasBody || contentType != null) && !isJson(contentType)) {
      ErrorCode code = ErrorCode.forStatus(415);
      String reason =
          "an admin request body must be sent as Content-Type: application/json, and this one was "
              + (contentType == null ? "sent without a Content-Type" : quoted(contentType));
      return Optional.of(
          new Refusal(
              CONTENT_TYPE_RULE,
              Answer.error(415, code.value(), CONTENT_TYPE_RULE + ": " + reason),
              reason));
    }
    return Optional.empty();
  }

  /** The {@value #HOST_RULE} rule alone (for the live view's short address). */
  public Optional<Refusal> checkHost(String host) {
    if (adminToken || host == null || allowedName(nameOf(host))) {
      return Optional.empty();
    }
    return Optional.of(
        forbidden(
            HOST_RULE,
            "the admin API answers requests addressed to localhost or an IP address, and this one"
                + " was addressed to Host "
                + quoted(host)
                + " (a page on another site whose name was pointed at this machine sends such a"
                + " Host); use http://127.0.0.1:<port>, or start the mock with --admin-token to"
                + " reach its admin API by any name"));
  }

  private boolean allowedName(String name) {
    return name.equals("localhost")
        || name.endsWith(".localhost") // RFC 6761: always loopback, never asked of DNS
        || IPV4.matcher(name).matches()
        || IPV6.matcher(name).matches()
        || name.equals(boundName);
  }

  /** Whether {@code origin} is this mock's own, as the browser reached it ({@code http://Host}). */
  private static boolean sameOrigin(String origin, String host) {
    return host != null
        && origin.trim().toLowerCase(Locale.ROOT).equals("http://" + host.toLowerCase(Locale.ROOT));
  }

  private static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    int parameters = contentType.indexOf(';');
    String type = (parameters < 0 ? contentType : contentType.substring(0, parameters)).trim();
    return type.equalsIgnoreCase("application/json");
  }

  /** The host part of a {@code Host} value, lower case: no port, no trailing dot. */
  static String nameOf(String host) {
    String h = host.trim().toLowerCase(Locale.ROOT);
    if (h.startsWith("[")) {
      int end = h.indexOf(']');
      return end < 0 ? h : h.substring(0, end + 1);
    }
    if (h.indexOf(':') != h.lastIndexOf(':')) {
      return "[" + h + "]"; // a bare IPv6 address (as --host takes it)
    }
    int colon = h.indexOf(':');
    String name = colon < 0 ? h : h.substring(0, colon);
    return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
  }

  private static Refusal forbidden(String rule, String reason) {
    ErrorCode code = ErrorCode.FORBIDDEN;
    return new Refusal(
        rule, Answer.error(code.status(), code.value(), rule + ": " + reason), reason);
  }

  /** A header's value as it came, cut short: it is the sender's text, not ours. */
  private static String quoted(String value) {
    String shown = value.length() > 100 ? value.substring(0, 100) + "..." : value;
    return "\"" + shown.replaceAll("\\p{Cntrl}", "?") + "\"";
  }
}
