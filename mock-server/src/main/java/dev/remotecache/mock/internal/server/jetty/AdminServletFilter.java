package dev.remotecache.mock.internal.server.jetty;

import dev.remotecache.mock.internal.admin.AdminAccessPolicy;
import dev.remotecache.mock.internal.admin.AdminApi;
import dev.remotecache.mock.internal.contract.ErrorCode;
import dev.remotecache.mock.internal.http.Answer;
import dev.remotecache.mock.internal.http.QueryString;
import java.io.IOException;
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
 * /__admin} (WireMock's own routes too) must pass {@link AdminAccessPolicy}; the mock's routes
 * ({@link AdminApi}) are answered here, WireMock's passed on.
 */
public final class AdminServletFilter implements Filter {

  private static final String PREFIX = "/__admin";

  private final AdminApi api;
  private final String adminToken;

  /**
   * @param adminToken the token the admin API requires, or {@code null} (this machine only)
   */
  public AdminServletFilter(AdminApi api, String adminToken) {
    this.api = api;
    this.adminToken = adminToken;
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest request = (HttpServletRequest) req;
    String uri = request.getRequestURI();
    Map<String, List<String>> query = QueryString.parse(request.getQueryString());
    List<String> token = query.getOrDefault("token", List.of());
    boolean allowed =
        AdminAccessPolicy.allows(
            adminToken,
            request.getRemoteAddr(),
            request.getHeader("Authorization"),
            token.isEmpty() ? null : token.get(0));
    if (allowed && !uri.startsWith(PREFIX + AdminApi.BASE + "/")) {
      chain.doFilter(req, res); // WireMock's own admin API
      return;
    }
    Answer answer;
    if (!allowed) {
      answer = refusal(adminToken);
    } else {
      byte[] body = request.getInputStream().readAllBytes();
      Optional<Answer> handled =
          api.handle(request.getMethod(), uri.substring(PREFIX.length()), query, body);
      if (handled.isEmpty()) {
        ErrorCode code = ErrorCode.NOT_FOUND;
        answer =
            Answer.error(
                code.status(), code.value(), "no admin route " + request.getMethod() + " " + uri);
      } else {
        answer = handled.get();
      }
    }
    HttpServletResponse response = (HttpServletResponse) res;
    response.setStatus(answer.status());
    answer.headers().forEach((name, values) -> values.forEach(v -> response.addHeader(name, v)));
    if (answer.body() != null) {
      response.setContentLength(answer.body().length);
      response.getOutputStream().write(answer.body());
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
}
