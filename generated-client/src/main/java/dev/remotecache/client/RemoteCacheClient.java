package dev.remotecache.client;

import dev.remotecache.client.api.ArtifactsApi;
import dev.remotecache.client.invoker.ApiClient;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * The shortest way to a configured client: a base URL and a bearer token.
 *
 * <pre>{@code
 * ArtifactsApi artifacts = RemoteCacheClient.artifacts("http://127.0.0.1:7878", "my-token");
 * artifacts.recordEvents(events, null, null, null, "my-team");
 * }</pre>
 */
public final class RemoteCacheClient {

  /**
   * Connect and read timeout used unless the caller sets others on the returned {@link ApiClient}.
   */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  private RemoteCacheClient() {}

  /**
   * The artifacts operations, against {@code baseUrl} (for example {@code https://api.vercel.com}).
   */
  public static ArtifactsApi artifacts(String baseUrl, String token) {
    return new ArtifactsApi(apiClient(baseUrl, token));
  }

  /**
   * A generated {@link ApiClient} that sends {@code Authorization: Bearer <token>} on every
   * request.
   */
  public static ApiClient apiClient(String baseUrl, String token) {
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(token, "token");
    URI base = URI.create(baseUrl);
    if (base.getScheme() == null || base.getHost() == null) {
      throw new IllegalArgumentException(
          "baseUrl must be an absolute http(s) URL, got: " + baseUrl);
    }
    ApiClient client =
        new ApiClient(
            HttpClients.custom()
                .addResponseInterceptorLast(RemoteCacheClient::giveBodilessAnswersAnEmptyBody)
                .useSystemProperties()
                .build());
    client.setBasePath(
        baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl);
    client.setBearerToken(token);
    client.setConnectTimeout((int) DEFAULT_TIMEOUT.toMillis());
    client.setReadTimeout((int) DEFAULT_TIMEOUT.toMillis());
    client.setUserAgent("remote-cache-contract-client");
    return client;
  }

  /**
   * The generated ApiClient (7.25, apache-httpclient) reads the body of every error answer and
   * fails with a NullPointerException when there is none, as with a 404 to HEAD. An empty body lets
   * it raise the {@code ApiException} it means to.
   */
  private static void giveBodilessAnswersAnEmptyBody(
      HttpResponse response, EntityDetails entity, HttpContext context) {
    if (response instanceof ClassicHttpResponse classic && classic.getEntity() == null) {
      classic.setEntity(new ByteArrayEntity(new byte[0], null));
    }
  }
}
