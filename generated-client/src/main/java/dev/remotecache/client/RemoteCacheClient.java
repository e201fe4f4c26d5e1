package dev.remotecache.client;

import dev.remotecache.client.api.ArtifactsApi;
import dev.remotecache.client.invoker.ApiClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Objects;

/**
 * The shortest way to a configured client: a base URL and a bearer token.
 *
 * <pre>{@code
 * ArtifactsApi artifacts = RemoteCacheClient.artifacts("http://127.0.0.1:7878", "my-token");
 * artifacts.recordEvents(APIRecordEventsRequest.newBuilder().events(events).slug("my-team").build());
 * }</pre>
 *
 * <p>The generated {@link ApiClient} has no bearer support of its own in the {@code native}
 * library, so the token is added by a request interceptor.
 */
public final class RemoteCacheClient {

    /** Per-request timeout used unless the caller sets another on the returned {@link ApiClient}. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private RemoteCacheClient() {
    }

    /** The artifacts operations, against {@code baseUrl} (for example {@code https://api.vercel.com}). */
    public static ArtifactsApi artifacts(String baseUrl, String token) {
        return new ArtifactsApi(apiClient(baseUrl, token));
    }

    /** A generated {@link ApiClient} that sends {@code Authorization: Bearer <token>} on every request. */
    public static ApiClient apiClient(String baseUrl, String token) {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(token, "token");
        URI base = URI.create(baseUrl);
        if (base.getScheme() == null || base.getHost() == null) {
            throw new IllegalArgumentException("baseUrl must be an absolute http(s) URL, got: " + baseUrl);
        }
        ApiClient client = new ApiClient(
                HttpClient.newBuilder().connectTimeout(DEFAULT_TIMEOUT),
                ApiClient.createDefaultObjectMapper(),
                stripTrailingSlash(baseUrl));
        client.setReadTimeout(DEFAULT_TIMEOUT);
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
        return client;
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
