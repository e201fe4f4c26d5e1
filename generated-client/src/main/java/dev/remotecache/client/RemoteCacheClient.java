package dev.remotecache.client;

import dev.remotecache.client.api.ArtifactsApi;
import dev.remotecache.client.invoker.ApiClient;
import dev.remotecache.client.invoker.ApiException;
import dev.remotecache.client.model.ArtifactUploadResponse;
import dev.remotecache.client.model.CacheUsageEvent;
import dev.remotecache.client.model.CachingStatus;
import jakarta.annotation.Nullable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * The Remote Cache API as a tool uses it: one call per upload, download or lookup, the optional
 * headers by name, artifacts streamed from and to the caller's files and streams.
 *
 * <pre>{@code
 * RemoteCacheClient cache = RemoteCacheClient.connect("http://127.0.0.1:7878", "my-token")
 *     .forTeam("my-team").inCi("GITHUB_ACTIONS");
 * cache.upload("6304b9faf99a2e19", Path.of("out.tar.zst"),
 *     new UploadOptions().duration(Duration.ofMillis(178)).tag(signature));
 * boolean hit = cache.exists("6304b9faf99a2e19");
 * Optional<ArtifactDownload> found = cache.download("6304b9faf99a2e19", Path.of("in.tar.zst"));
 * }</pre>
 *
 * <p>Every call is the generated {@link ArtifactsApi}'s ({@link #api()}, for the operations this
 * class does not wrap); a rejected call throws its {@link ApiException}. Immutable and thread-safe:
 * {@link #forTeam} and the like return a copy on the same connection pool.
 */
public final class RemoteCacheClient {

  /**
   * Connect and read timeout used unless the caller sets others on the returned {@link ApiClient}.
   */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  // The download's answer headers, as the spec names them (held to the spec by a round trip test).
  private static final String DURATION_HEADER = "x-artifact-duration";
  private static final String TAG_HEADER = "x-artifact-tag";
  private static final int NOT_FOUND = 404;

  private final StreamingApiClient apiClient;
  private final ArtifactsApi api;
  @Nullable private final String teamId;
  @Nullable private final String slug;
  @Nullable private final String ci;
  @Nullable private final Integer interactive;

  private RemoteCacheClient(
      StreamingApiClient apiClient,
      @Nullable String teamId,
      @Nullable String slug,
      @Nullable String ci,
      @Nullable Integer interactive) {
    this.apiClient = apiClient;
    this.api = new ArtifactsApi(apiClient);
    this.teamId = teamId;
    this.slug = slug;
    this.ci = ci;
    this.interactive = interactive;
  }

  /**
   * A client for {@code baseUrl} (for example {@code https://api.vercel.com}) that sends {@code
   * Authorization: Bearer <token>}; it acts for the token's owner until {@link #forTeam} or {@link
   * #forTeamId}.
   */
  public static RemoteCacheClient connect(String baseUrl, String token) {
    return new RemoteCacheClient(streamingApiClient(baseUrl, token), null, null, null, null);
  }

  /** The same client, acting for the team with this URL slug (turbo's {@code --team}). */
  public RemoteCacheClient forTeam(String slug) {
    return new RemoteCacheClient(
        apiClient, teamId, Objects.requireNonNull(slug, "slug"), ci, interactive);
  }

  /** The same client, acting for the team with this identifier ({@code team_...}). */
  public RemoteCacheClient forTeamId(String teamId) {
    return new RemoteCacheClient(
        apiClient, Objects.requireNonNull(teamId, "teamId"), slug, ci, interactive);
  }

  /**
   * The same client, saying on uploads, downloads and events that it runs in this CI system ({@code
   * x-artifact-client-ci}; turbo sends a constant such as {@code GITHUB_ACTIONS}).
   */
  public RemoteCacheClient inCi(String vendor) {
    return new RemoteCacheClient(
        apiClient, teamId, slug, Objects.requireNonNull(vendor, "vendor"), interactive);
  }

  /**
   * The same client, saying on uploads, downloads and events whether it runs in an interactive
   * terminal ({@code x-artifact-client-interactive}).
   */
  public RemoteCacheClient interactive(boolean interactive) {
    return new RemoteCacheClient(apiClient, teamId, slug, ci, interactive ? 1 : 0);
  }

  /** The generated operations, on this client's connection and token. */
  public ArtifactsApi api() {
    return api;
  }

  /** Uploads the file's bytes under {@code hash}, streamed, with no optional header. */
  public ArtifactUploadResponse upload(String hash, Path artifact) throws ApiException {
    return upload(hash, artifact, new UploadOptions());
  }

  /**
   * Uploads the file's bytes under {@code hash}, streamed, with the headers {@code options} set.
   */
  public ArtifactUploadResponse upload(String hash, Path artifact, UploadOptions options)
      throws ApiException {
    Objects.requireNonNull(hash, "hash");
    Objects.requireNonNull(options, "options");
    Duration duration = options.duration();
    return api.uploadArtifact(
        hash,
        artifact.toFile(),
        duration == null ? null : BigDecimal.valueOf(duration.toMillis()),
        ci,
        interactive,
        options.tag(),
        options.sha(),
        options.dirtyHash(),
        teamId,
        slug);
  }

  /** Whether an artifact is stored under {@code hash}: {@code false} on a 404. */
  public boolean exists(String hash) throws ApiException {
    Objects.requireNonNull(hash, "hash");
    try {
      api.artifactExists(hash, teamId, slug);
      return true;
    } catch (ApiException e) {
      if (e.getCode() == NOT_FOUND) {
        return false;
      }
      throw e;
    }
  }

  /**
   * Writes the artifact stored under {@code hash} to {@code to} as it arrives (no temporary file,
   * never whole in memory), or nothing on a 404: then the answer is empty. The stream is left open;
   * if the connection fails midway it holds what came before the failure.
   */
  public Optional<ArtifactDownload> download(String hash, OutputStream to) throws ApiException {
    Objects.requireNonNull(to, "to");
    return download(hash, body -> body.transferTo(to));
  }

  /**
   * Writes the artifact stored under {@code hash} to the file {@code to} (created or replaced) as
   * it arrives, or leaves the file alone on a 404: then the answer is empty. A download that fails
   * midway deletes what it wrote.
   */
  public Optional<ArtifactDownload> download(String hash, Path to) throws ApiException {
    Objects.requireNonNull(to, "to");
    return download(
        hash,
        body -> {
          try (OutputStream file = Files.newOutputStream(to)) {
            return body.transferTo(file);
          } catch (IOException e) {
            Files.deleteIfExists(to);
            throw e;
          }
        });
  }

  /** The caching status for this client's team (or the token's owner). */
  public CachingStatus status() throws ApiException {
    return api.status(teamId, slug).getStatus();
  }

  /** Records one batch of cache usage events for this client's team (or the token's owner). */
  public void recordEvents(List<CacheUsageEvent> events) throws ApiException {
    api.recordEvents(events, ci, interactive, teamId, slug);
  }

  @FunctionalInterface
  private interface Copy {
    long to(InputStream body) throws IOException;
  }

  private Optional<ArtifactDownload> download(String hash, Copy copy) throws ApiException {
    Objects.requireNonNull(hash, "hash");
    ArtifactDownload[] found = new ArtifactDownload[1];
    try {
      apiClient.streaming(
          response -> {
            try (InputStream body = response.getEntity().getContent()) {
              long size = copy.to(body);
              found[0] =
                  new ArtifactDownload(size, duration(response), header(response, TAG_HEADER));
            }
          },
          () -> api.downloadArtifact(hash, ci, interactive, teamId, slug));
    } catch (ApiException e) {
      if (e.getCode() == NOT_FOUND) {
        return Optional.empty();
      }
      throw e;
    }
    if (found[0]
        == null) { // a 2xx with no body (the generated client skips a 204's): not the spec's
      int status = apiClient.lastStatus();
      throw new ApiException(
          "downloadArtifact answered " + status + " without the artifact", status, null, null);
    }
    return Optional.of(found[0]);
  }

  @Nullable private static Duration duration(ClassicHttpResponse response) {
    String millis = header(response, DURATION_HEADER);
    if (millis == null) {
      return null;
    }
    try {
      return Duration.ofNanos(new BigDecimal(millis).movePointRight(6).longValueExact());
    } catch (NumberFormatException | ArithmeticException e) {
      return null; // not the spec's number: the artifact is still there
    }
  }

  @Nullable private static String header(ClassicHttpResponse response, String name) {
    Header header = response.getFirstHeader(name);
    return header == null ? null : header.getValue();
  }

  /**
   * The generated operations, against {@code baseUrl} (for example {@code https://api.vercel.com}):
   * every parameter in spec order, {@code null} for an optional one left out. {@link #connect} is
   * the shorter way.
   */
  public static ArtifactsApi artifacts(String baseUrl, String token) {
    return new ArtifactsApi(apiClient(baseUrl, token));
  }

  /**
   * A generated {@link ApiClient} that sends {@code Authorization: Bearer <token>} on every
   * request.
   */
  public static ApiClient apiClient(String baseUrl, String token) {
    return streamingApiClient(baseUrl, token);
  }

  private static StreamingApiClient streamingApiClient(String baseUrl, String token) {
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(token, "token");
    URI base = URI.create(baseUrl);
    if (base.getScheme() == null || base.getHost() == null) {
      throw new IllegalArgumentException(
          "baseUrl must be an absolute http(s) URL, got: " + baseUrl);
    }
    StreamingApiClient client =
        new StreamingApiClient(
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
