package dev.remotecache.mock.internal.check;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.remotecache.client.model.CacheUsageEvent;
import dev.remotecache.mock.coverage.ContractCoverage;
import dev.remotecache.mock.internal.http.MockJson;
import dev.remotecache.mock.journal.RecordedEvent;
import dev.remotecache.mock.journal.Rejection;
import dev.remotecache.mock.journal.ServerDeviation;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
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

  private static final ObjectMapper JSON =
      MockJson.mapper().copy().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final URI base;
  private final String adminToken;
  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

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
    ContractCoverage coverage = JSON.convertValue(get("coverage"), ContractCoverage.class);
    JsonNode rejected = get("rejections");
    List<Rejection> rejections =
        List.of(JSON.convertValue(rejected.path("rejections"), Rejection[].class));
    List<ServerDeviation> deviations =
        List.of(JSON.convertValue(get("deviations").path("deviations"), ServerDeviation[].class));
    JsonNode recorded = get("events");
    List<CacheUsageEvent> events = new ArrayList<>();
    for (RecordedEvent e : JSON.convertValue(recorded.path("events"), RecordedEvent[].class)) {
      events.add(e.event());
    }
    return new CheckInput(
        rejections,
        deviations,
        events,
        coverage,
        rejected.path("droppedRejections").asLong(0),
        recorded.path("droppedEvents").asLong(0));
  }

  private JsonNode get(String route) throws Unreachable {
    URI uri = URI.create(base + "/__admin/remote-cache/" + route);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(30))
            .header("Accept", "application/json");
    if (adminToken != null) {
      request.header("Authorization", "Bearer " + adminToken);
    }
    HttpResponse<byte[]> answer;
    try {
      answer = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (ConnectException e) {
      throw new Unreachable(
          "cannot reach the mock at "
              + base
              + ": connection refused (is it running on that port?)");
    } catch (HttpTimeoutException e) {
      throw new Unreachable("cannot reach the mock at " + base + ": no answer within the timeout");
    } catch (IOException | IllegalArgumentException e) {
      throw new Unreachable(
          "cannot reach the mock at "
              + base
              + ": "
              + (e.getMessage() == null ? e.toString() : e.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Unreachable("interrupted while asking the mock at " + base);
    }
    int status = answer.statusCode();
    if (status == 401 || status == 403) {
      throw new Unreachable(
          "the mock at "
              + base
              + " refused the admin token (HTTP "
              + status
              + "): "
              + (adminToken == null
                  ? "pass its --admin-token with --admin-token"
                  : "--admin-token is not the one it was started with"));
    }
    if (status != 200) {
      throw new Unreachable(
          uri + " answered HTTP " + status + ": is " + base + " a remote-cache-mock?");
    }
    try {
      return JSON.readTree(answer.body());
    } catch (IOException e) {
      throw new Unreachable(
          uri + " answered something that is not JSON: is " + base + " a remote-cache-mock?");
    }
  }
}
