package dev.remotecache.mock.internal.server.jetty;

import dev.remotecache.mock.internal.admin.AdminAccessPolicy;
import dev.remotecache.mock.internal.admin.AdminApi;
import dev.remotecache.mock.internal.admin.AdminBrowserRules;
import dev.remotecache.mock.internal.contract.ErrorCode;
import dev.remotecache.mock.internal.http.Answer;
import dev.remotecache.mock.internal.http.ApiRequest;
import dev.remotecache.mock.internal.http.QueryString;
import dev.remotecache.mock.internal.http.RequestBody;
import dev.remotecache.mock.internal.pipeline.StorageFailureAnswers;
import dev.remotecache.mock.store.StorageFailure;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import wiremock.jakarta.servlet.Filter;
import wiremock.jakarta.servlet.FilterChain;
import wiremock.jakarta.servlet.ServletException;
import wiremock.jakarta.servlet.ServletRequest;
import wiremock.jakarta.servlet.ServletResponse;
import wiremock.jakarta.servlet.http.HttpServletRequest;
import wiremock.jakarta.servlet.http.HttpServletResponse;

/**
 * The admin door and the servlet adapter of the mock's admin API: every request under {@code
 * /__admin} (WireMock's own routes too) must pass {@link AdminBrowserRules} (no web page drives it)
 * and {@link AdminAccessPolicy} (its owner only), before anything else; the mock's routes ({@link
 * AdminApi}, which checks each call against the admin API's document) are answered here, and once
 * {@code POST /__admin/shutdown} (WireMock's route, whose own handling would stop the server and
 * leave the process running) is answered, the mock stops; WireMock's other routes are passed on.
 */
public final class AdminServletFilter implements Filter {

  private static final String PREFIX = "/__admin";
  private static final String SHUTDOWN = PREFIX + AdminApi.SHUTDOWN;

  private final AdminApi api;
  private final String adminToken;
  private final AdminBrowserRules browserRules;
  private final Runnable shutdown;
  private final MappingGate mappings;
  private final Runnable catchUpJournal;

  /**
   * @param adminToken the token the admin API requires, or {@code null} (this machine only)
   * @param shutdown what {@code POST /__admin/shutdown} does, once its answer is sent; it must
   *     return at once (the server stops on another thread)
   * @param catchUpJournal what runs before WireMock's own routes: its request journal made whole
   */
  public AdminServletFilter(
      AdminApi api,
      String adminToken,
      AdminBrowserRules browserRules,
      Runnable shutdown,
      MappingGate mappings,
      Runnable catchUpJournal) {
    this.mappings = mappings;
    this.catchUpJournal = catchUpJournal;
    this.api = api;
    this.adminToken = adminToken;
    this.browserRules = browserRules;
    this.shutdown = shutdown;
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest request = (HttpServletRequest) req;
    HttpServletResponse response = (HttpServletResponse) res;
    String uri = request.getRequestURI();
    Optional<AdminBrowserRules.Refusal> fromABrowser =
        browserRules.check(
            request.getMethod(),
            request.getHeader("Host"),
            request.getHeader("Origin"),
            request.getHeader("Content-Type"),
            request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null);
    if (fromABrowser.isPresent()) {
      browserRules.report(fromABrowser.get(), request.getMethod(), uri);
      write(fromABrowser.get().answer(), response);
      return;
    }
    Map<String, List<String>> query = QueryString.parse(request.getQueryString());
    List<String> token = query.getOrDefault("token", List.of());
    boolean allowed =
        AdminAccessPolicy.allows(
            adminToken,
            request.getRemoteAddr(),
            request.getHeader("Authorization"),
            token.isEmpty() ? null : token.get(0));
    if (allowed && !api.serves(uri.substring(PREFIX.length()))) {
      catchUpJournal.run(); // WireMock's journal, which its routes read, holds every request
      if (!"GET".equals(request.getMethod()) && uri.startsWith(PREFIX + "/")) {
        byte[] body = request.getInputStream().readAllBytes();
        Optional<Answer> refused =
            mappings.refusal(request.getMethod(), uri.substring(PREFIX.length()), body);
        if (refused.isPresent()) {
          write(refused.get(), response);
          return;
        }
        chain.doFilter(new ReadBody(request, body), res); // WireMock's own admin API
        return;
      }
      chain.doFilter(req, res); // WireMock's own admin API
      return;
    }
    Answer answer;
    if (!allowed) {
      answer = refusal(adminToken);
    } else {
      byte[] body = request.getInputStream().readAllBytes();
      try {
        answer = api.handle(view(request, body), body).orElseThrow();
      } catch (StorageFailure e) { // listing or clearing the store: answered and logged as the API
        StorageFailureAnswers.log(request.getMethod(), uri, e);
        answer = StorageFailureAnswers.answer(e);
      }
      if (SHUTDOWN.equals(uri) && answer.status() == 200) {
        write(answer, response);
        response.flushBuffer(); // the whole answer is on its way before the server stops
        shutdown.run();
        return;
      }
    }
    write(answer, response);
  }

  /** The request, its path under {@code /__admin}, as the admin API reads it. */
  private static ApiRequest view(HttpServletRequest request, byte[] body) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (String name : Collections.list(request.getHeaderNames())) {
      headers.put(name, new ArrayList<>(Collections.list(request.getHeaders(name))));
    }
    return new ApiRequest(
        request.getMethod(),
        request.getRequestURI().substring(PREFIX.length()),
        request.getQueryString(),
        headers,
        RequestBody.of(body),
        null,
        request.getRemoteAddr());
  }

  private static void write(Answer answer, HttpServletResponse response) throws IOException {
    response.setStatus(answer.status());
    answer.headers().forEach((name, values) -> values.forEach(v -> response.addHeader(name, v)));
    if (answer.bytes() != null) {
      response.setContentLength(answer.bytes().length);
      response.getOutputStream().write(answer.bytes());
    }
  }

  /** The refusal of a caller the admin door does not let in. */
  private static Answer refusal(String adminToken) {
    ErrorCode code = adminToken != null ? ErrorCode.NOT_AUTHORIZED : ErrorCode.FORBIDDEN;
    String message =
        adminToken != null
            ? "the admin API needs Authorization: Bearer <admin token> (or ?token=<admin token>)"
            : "the admin API answers only callers on this machine; start the mock with --admin-token"
                + " to open it to others";
    return Answer.error(code.status(), code.value(), message);
  }

  /** The request, with its body already read (to check a stub) handed to WireMock again. */
  private static final class ReadBody
      extends wiremock.jakarta.servlet.http.HttpServletRequestWrapper {
    private final byte[] body;

    ReadBody(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public wiremock.jakarta.servlet.ServletInputStream getInputStream() {
      java.io.ByteArrayInputStream in = new java.io.ByteArrayInputStream(body);
      return new wiremock.jakarta.servlet.ServletInputStream() {
        @Override
        public boolean isFinished() {
          return in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(wiremock.jakarta.servlet.ReadListener listener) {
          throw new UnsupportedOperationException("the body is already read");
        }

        @Override
        public int read() {
          return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
          return in.read(b, off, len);
        }
      };
    }

    @Override
    public java.io.BufferedReader getReader() {
      return new java.io.BufferedReader(
          new java.io.InputStreamReader(
              new java.io.ByteArrayInputStream(body), java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    public int getContentLength() {
      return body.length;
    }

    @Override
    public long getContentLengthLong() {
      return body.length;
    }
  }
}
