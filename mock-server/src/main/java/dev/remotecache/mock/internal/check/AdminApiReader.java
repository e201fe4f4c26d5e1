package dev.remotecache.mock.internal.check;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.remotecache.admin.client.AdminClients;
import dev.remotecache.admin.client.api.AdminApi;
import dev.remotecache.admin.client.invoker.ApiClient;
import dev.remotecache.admin.client.invoker.ApiException;
import dev.remotecache.admin.client.model.DeviationList;
import dev.remotecache.admin.client.model.EventList;
import dev.remotecache.admin.client.model.RejectionList;
import dev.remotecache.client.model.CacheUsageEvent;
import dev.remotecache.mock.coverage.ContractCoverage;
import dev.remotecache.mock.journal.RecordedEvent;
import dev.remotecache.mock.journal.Rejection;
import dev.remotecache.mock.journal.ServerDeviation;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads a running mock's admin API into a {@link CheckInput}, for the {@code check} command. */
public final class AdminApiReader {

  /** The mock could not be asked: not reachable, the token refused, or not a mock. One line. */
  public static final class Unreachable extends Exception {
    private static final long serialVersionUID = 1L;

    Unreachable(String message) {
      super(message);
    }
  }

  private final URI base;
  private final String adminToken;
  private final AdminApi admin;
  private final ObjectMapper models;

  /**
   * @param url the mock's base URL ({@code http://127.0.0.1:7878}); of a URL with a path only the
   *     origin is used: the admin API is at the mock's root, and a request under another path would
   *     be an API request the mock records as rejected
   * @param adminToken its {@code --admin-token}, or {@code null}
   * @throws IllegalArgumentException for a URL that is not http(s) with a host and a port in range
   */
  public AdminApiReader(URI url, String adminToken) {
    if (url.getScheme() == null
        || !url.getScheme().matches("https?")
        || url.getHost() == null
        || url.getRawQuery() != null
        || url.getRawFragment() != null
        || url.getRawUserInfo() != null) {
      throw new IllegalArgumentException(
          "--url " + url + " is not a base URL such as http://127.0.0.1:7878");
    }
    if (url.getPort() == 0 || url.getPort() > 65535) {
      throw new IllegalArgumentException(
          "--url "
              + url
              + ": port "
              + url.getPort()
              + " is not one a server listens on (1..65535)");
    }
    this.base = originOf(url);
    this.adminToken = adminToken;
    ApiClient client = AdminClients.forMock(base, adminToken);
    this.admin = new AdminApi(client);
    this.models = client.getObjectMapper();
  }

  /** {@code scheme://host[:port]}: where the admin API is. */
  private static URI originOf(URI url) {
    return URI.create(url.getScheme() + "://" + url.getRawAuthority());
  }

  /** The URL's path beyond its origin, which is not asked ({@code /some/path}); empty for none. */
  public static Optional<String> ignoredPath(URI url) {
    String path = url.getRawPath();
    return path == null || path.isEmpty() || path.equals("/")
        ? Optional.empty()
        : Optional.of(path);
  }

  public CheckInput read() throws Unreachable {
    ContractCoverage coverage =
        models.convertValue(call(admin::getCoverage), ContractCoverage.class);
    RejectionList rejected = call(admin::getRejections);
    DeviationList deviations = call(admin::getDeviations);
    EventList recorded = call(() -> admin.getEvents(null, null, null, null, null));
    List<CacheUsageEvent> events = new ArrayList<>();
    for (RecordedEvent e : as(recorded.getEvents(), RecordedEvent.class)) {
      events.add(e.event());
    }
    return new CheckInput(
        as(rejected.getRejections(), Rejection.class),
        as(deviations.getDeviations(), ServerDeviation.class),
        events,
        coverage,
        rejected.getDroppedRejections(),
        recorded.getDroppedEvents());
  }

  /** A call of the admin API's generated client. */
  private interface AdminCall<T> {
    T send() throws ApiException;
  }

  /** Makes an admin call; what keeps it from being answered is said in one line. */
  private <T> T call(AdminCall<T> call) throws Unreachable {
    try {
      return call.send();
    } catch (ApiException e) {
      throw new Unreachable(why(e));
    }
  }

  /** Why the mock could not be asked: the generated client's exception, in words. */
  private String why(ApiException e) {
    Throwable cause = e.getCause();
    if (e.getCode() == 0 && cause instanceof JsonProcessingException) {
      return "the admin API answered something that is not its JSON: is "
          + base
          + " a remote-cache-mock?";
    }
    if (e.getCode() == 0) {
      if (cause instanceof ConnectException) {
        return "cannot reach the mock at "
            + base
            + ": connection refused (is it running on that port?)";
      }
      if (cause instanceof HttpTimeoutException) {
        return "cannot reach the mock at " + base + ": no answer within the timeout";
      }
      if (cause instanceof InterruptedException) {
        return "interrupted while asking the mock at " + base;
      }
      Throwable reason = cause == null ? e : cause;
      return "cannot reach the mock at "
          + base
          + ": "
          + (reason.getMessage() == null ? reason.toString() : reason.getMessage());
    }
    if (e.getCode() == 401 || e.getCode() == 403) {
      return "the mock at "
          + base
          + " refused the admin token (HTTP "
          + e.getCode()
          + "): "
          + (adminToken == null
              ? "pass its --admin-token with --admin-token"
              : "--admin-token is not the one it was started with");
    }
    return "its admin API answered HTTP " + e.getCode() + ": is " + base + " a remote-cache-mock?";
  }

  /** The generated client's models as the mock's own types (the same JSON). */
  private <T> List<T> as(List<?> list, Class<T> type) {
    return models.convertValue(
        list, models.getTypeFactory().constructCollectionType(List.class, type));
  }
}
