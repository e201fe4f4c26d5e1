package dev.remotecache.mock.internal.server.jetty;

import com.github.tomakehurst.wiremock.jetty.JettyFaultInjector;
import com.github.tomakehurst.wiremock.jetty11.Jetty11HttpUtils;
import dev.remotecache.mock.internal.admin.AdminBrowserRules;
import dev.remotecache.mock.internal.admin.LiveViewPage;
import dev.remotecache.mock.internal.http.Answer;
import dev.remotecache.mock.internal.http.ApiRequest;
import dev.remotecache.mock.internal.http.QueryString;
import dev.remotecache.mock.internal.http.RequestBody;
import dev.remotecache.mock.internal.pipeline.RequestPipeline;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import wiremock.jakarta.servlet.Filter;
import wiremock.jakarta.servlet.FilterChain;
import wiremock.jakarta.servlet.ServletRequest;
import wiremock.jakarta.servlet.ServletResponse;
import wiremock.jakarta.servlet.http.HttpServletRequest;
import wiremock.jakarta.servlet.http.HttpServletResponse;

/**
 * The servlet adapter of the {@link RequestPipeline}: every request to the API (everything but
 * {@code /__admin}) is shown to the pipeline as an {@link ApiRequest} and its {@link Answer} is
 * written back as it is, faults included. Nothing is decided here.
 */
public final class ApiServletFilter implements Filter {

  private final RequestPipeline pipeline;
  private final AdminBrowserRules browserRules;

  /**
   * @param browserRules the admin API's rules, whose Host rule the live view's short address
   *     follows
   */
  public ApiServletFilter(RequestPipeline pipeline, AdminBrowserRules browserRules) {
    this.pipeline = pipeline;
    this.browserRules = browserRules;
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
      throws IOException {
    HttpServletRequest request = (HttpServletRequest) req;
    HttpServletResponse response = (HttpServletResponse) res;
    Optional<Answer> redirect =
        LiveViewPage.redirect(
            request.getMethod(),
            request.getRequestURI(),
            QueryString.parse(request.getQueryString()));
    if (redirect.isPresent()) { // the live view's short address: to a page of the admin API
      Optional<AdminBrowserRules.Refusal> refusal =
          browserRules.checkHost(request.getHeader("Host"));
      if (refusal.isPresent()) {
        browserRules.report(refusal.get(), request.getMethod(), request.getRequestURI());
        redirect = Optional.of(refusal.get().answer());
      }
    }
    Answer answer = redirect.orElseGet(() -> pipeline.handle(view(request)));
    write(answer, response);
  }

  private static ApiRequest view(HttpServletRequest request) {
    Map<String, List<String>> headers = new HashMap<>();
    Enumeration<String> names = request.getHeaderNames();
    while (names.hasMoreElements()) {
      String name = names.nextElement();
      headers.put(name, Collections.list(request.getHeaders(name))); // ApiRequest copies it
    }
    return new ApiRequest(
        request.getMethod(),
        request.getRequestURI(),
        request.getQueryString(),
        headers,
        new ServletBody(request),
        baseUrlOf(request),
        request.getRemoteAddr());
  }

  /** Writes the answer; a fault breaks the connection the way it says. */
  private static void write(Answer answer, HttpServletResponse response) throws IOException {
    Answer.Disruption disruption = answer.disruption();
    if (disruption != null && disruption.delayMs() > 0) {
      try {
        Thread.sleep(disruption.delayMs());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (disruption != null && disruption.breakage() != null) {
      closeQuietly(answer.body() instanceof Answer.Body.Stream s ? s.bytes() : null);
      JettyFaultInjector faults = new JettyFaultInjector(response, new Jetty11HttpUtils());
      switch (disruption.breakage()) {
        case CONNECTION_RESET -> faults.connectionResetByPeer();
        case EMPTY_RESPONSE -> faults.emptyResponseAndCloseConnection();
        case TRUNCATED_BODY -> faults.malformedResponseChunk();
      }
      return;
    }
    response.setStatus(answer.status());
    answer.headers().forEach((name, values) -> values.forEach(v -> response.addHeader(name, v)));
    switch (answer.body()) {
      case Answer.Body.None none -> {}
      case Answer.Body.Bytes bytes -> {
        if (bytes.bytes().length > 0) {
          response.setContentLength(bytes.bytes().length);
          response.getOutputStream().write(bytes.bytes());
        }
      }
      case Answer.Body.Stream stream -> {
        if (stream.length() >= 0) {
          response.setContentLengthLong(stream.length());
        }
        try (InputStream in = stream.bytes()) {
          OutputStream out = response.getOutputStream();
          in.transferTo(out);
        }
      }
    }
  }

  private static void closeQuietly(InputStream stream) {
    if (stream != null) {
      try {
        stream.close();
      } catch (IOException ignored) {
        // the answer is not sent
      }
    }
  }

  /** {@code http://host:port} as the client addressed the mock. */
  private static String baseUrlOf(HttpServletRequest request) {
    StringBuffer url = request.getRequestURL();
    return url.substring(0, url.length() - request.getRequestURI().length());
  }

  /** The servlet request's body, not read until the pipeline asks. */
  private record ServletBody(HttpServletRequest request) implements RequestBody {
    @Override
    public long declaredLength() {
      return request.getContentLengthLong();
    }

    @Override
    public boolean chunked() {
      return request.getContentLengthLong() < 0 && request.getHeader("Transfer-Encoding") != null;
    }

    @Override
    public InputStream open() throws IOException {
      return request.getInputStream();
    }
  }
}
