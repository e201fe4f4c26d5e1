package dev.remotecache.admin.client;

import dev.remotecache.admin.client.invoker.ApiClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;

/**
 * The generated admin client set up for one mock: its address, the admin token on every call, and
 * timeouts that turn a mock that does not answer into an error rather than a hang. The one place
 * the kit's own callers (the out-of-process engine, {@code check}, the Testcontainers module)
 * configure it.
 */
public final class AdminClients {

  private AdminClients() {}

  /**
   * @param mock the mock's address, {@code http://host:port} (the admin API is under it)
   * @param adminToken the mock's {@code --admin-token}, or {@code null} when it has none
   * @return a configuration for {@link dev.remotecache.admin.client.api.AdminApi} and for calls of
   *     the same mock outside the admin document (WireMock's own routes)
   */
  public static ApiClient forMock(URI mock, String adminToken) {
    ApiClient client =
        new ApiClient()
            .setHttpClientBuilder(
                HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER))
            .setConnectTimeout(Duration.ofSeconds(5))
            .setReadTimeout(Duration.ofSeconds(30));
    client.updateBaseUri(mock.toString());
    if (adminToken != null) {
      String authorization = "Bearer " + adminToken;
      client.setRequestInterceptor(request -> request.header("Authorization", authorization));
    }
    return client;
  }
}
