package dev.remotecache.mock.internal.operations;

import dev.remotecache.client.model.ArtifactDeleteResponse;
import dev.remotecache.client.model.ArtifactQueryError;
import dev.remotecache.client.model.ArtifactQueryRequest;
import dev.remotecache.client.model.ArtifactQueryResult;
import dev.remotecache.client.model.ArtifactUploadResponse;
import dev.remotecache.client.model.CacheUsageEvent;
import dev.remotecache.client.model.CachingStatus;
import dev.remotecache.client.model.CachingStatusResponse;
import dev.remotecache.mock.internal.stub.ArtifactsApi;
import dev.remotecache.mock.journal.EventBatch;
import dev.remotecache.mock.journal.MockJournal;
import dev.remotecache.mock.store.ArtifactMetadata;
import dev.remotecache.mock.store.ArtifactStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the mock does for each operation: the implementation of the server stub generated from the
 * spec. It keeps artifacts per team in an {@link ArtifactStore}, records events in the {@link
 * MockJournal}, and answers the caching status it was set to.
 *
 * <p>Its requests are served by an implementation of the generated interface ({@link #serving}),
 * which stops compiling when the spec adds or changes an operation, which is the point.
 */
public final class StatefulArtifactsApi {

  private final ArtifactStore store;
  private final MockJournal journal;
  private final Clock clock;
  private final AtomicReference<CachingStatus> status;

  public StatefulArtifactsApi(
      ArtifactStore store, MockJournal journal, Clock clock, CachingStatus initialStatus) {
    this.store = store;
    this.journal = journal;
    this.clock = clock;
    this.status = new AtomicReference<>(Objects.requireNonNull(initialStatus));
  }

  /** The answer {@code status} gives from now on. */
  public void setStatus(CachingStatus newStatus) {
    status.set(Objects.requireNonNull(newStatus));
  }

  public CachingStatus status() {
    return status.get();
  }

  /** The implementation that serves one request, with its context. */
  public ArtifactsApi serving(OperationContext context) {
    return new Serving(context);
  }

  /** The generated interface's methods, for one request. */
  private final class Serving implements ArtifactsApi {
    private final OperationContext context;

    private Serving(OperationContext context) {
      this.context = context;
    }

    @Override
    public void recordEvents(
        List<CacheUsageEvent> events,
        String xArtifactClientCi,
        Integer xArtifactClientInteractive,
        String teamId,
        String slug) {
      String team = TeamScope.of(teamId, slug);
      // Link each event to the artifact it names, as stored when the event arrived.
      Map<String, ArtifactMetadata> artifacts = new LinkedHashMap<>();
      for (CacheUsageEvent event : events) {
        store
            .metadata(team, event.getHash())
            .ifPresent(m -> artifacts.putIfAbsent(event.getHash(), m));
      }
      journal.record(
          new EventBatch(
              clock.instant(),
              teamId,
              slug,
              xArtifactClientCi,
              xArtifactClientInteractive,
              events,
              artifacts));
    }

    @Override
    public CachingStatusResponse status(String teamId, String slug) {
      return new CachingStatusResponse().status(status.get());
    }

    @Override
    public ArtifactUploadResponse uploadArtifact(
        String hash,
        InputStream body,
        BigDecimal xArtifactDuration,
        String xArtifactClientCi,
        Integer xArtifactClientInteractive,
        String xArtifactTag,
        String xArtifactSha,
        String xArtifactDirtyHash,
        String teamId,
        String slug) {
      String team = TeamScope.of(teamId, slug);
      long declaredLength = context.uploadLength(); // passed, not read off the stream's type
      try (body) {
        store.put(
            team,
            hash,
            body,
            declaredLength,
            new ArtifactMetadata(
                -1,
                xArtifactDuration,
                xArtifactTag,
                xArtifactSha,
                xArtifactDirtyHash,
                xArtifactClientCi,
                clock.instant()));
      } catch (IOException closing) {
        throw new UncheckedIOException(closing);
      }
      return new ArtifactUploadResponse().urls(List.of(artifactUrl(context, hash, teamId, slug)));
    }

    @Override
    public InputStream downloadArtifact(
        String hash,
        String xArtifactClientCi,
        Integer xArtifactClientInteractive,
        String teamId,
        String slug) {
      ArtifactStore.Content artifact =
          store
              .open(TeamScope.of(teamId, slug), hash)
              .orElseThrow(() -> ApiProblem.artifactNotFound(hash));
      describeInHeaders(context, artifact.metadata());
      return artifact.bytes();
    }

    @Override
    public void artifactExists(String hash, String teamId, String slug) {
      ArtifactMetadata metadata =
          store
              .metadata(TeamScope.of(teamId, slug), hash)
              .orElseThrow(() -> ApiProblem.artifactNotFound(hash));
      describeInHeaders(context, metadata);
    }

    @Override
    public Map<String, ArtifactQueryResult> artifactQuery(
        ArtifactQueryRequest query, String teamId, String slug) {
      String team = TeamScope.of(teamId, slug);
      Map<String, ArtifactQueryResult> results = new LinkedHashMap<>();
      for (String hash : query.getHashes()) {
        results.put(
            hash,
            store
                .metadata(team, hash)
                .map(
                    m ->
                        new ArtifactQueryResult()
                            .size(m.size())
                            .taskDurationMs(durationOrZero(m))
                            .tag(m.tag())
                            .sha(m.sha())
                            .dirtyHash(m.dirtyHash()))
                .orElseGet(
                    () ->
                        new ArtifactQueryResult()
                            .error(new ArtifactQueryError().message("Artifact not found"))));
      }
      return results;
    }

    @Override
    public ArtifactDeleteResponse deleteAllArtifacts(String teamId, String slug) {
      return new ArtifactDeleteResponse().deletedCount(store.deleteAll(TeamScope.of(teamId, slug)));
    }
  }

  private static void describeInHeaders(OperationContext response, ArtifactMetadata metadata) {
    response.header("x-artifact-duration", durationOrZero(metadata).toPlainString());
    response.header("x-artifact-tag", metadata.tag());
  }

  private static BigDecimal durationOrZero(ArtifactMetadata metadata) {
    return metadata.durationMs() == null
        ? BigDecimal.ZERO
        : metadata.durationMs().stripTrailingZeros();
  }

  private static String artifactUrl(
      OperationContext context, String hash, String teamId, String slug) {
    StringBuilder url = new StringBuilder(context.baseUrl()).append("/v8/artifacts/").append(hash);
    String separator = "?";
    if (teamId != null) {
      url.append(separator)
          .append("teamId=")
          .append(URLEncoder.encode(teamId, StandardCharsets.UTF_8));
      separator = "&";
    }
    if (slug != null) {
      url.append(separator).append("slug=").append(URLEncoder.encode(slug, StandardCharsets.UTF_8));
    }
    return url.toString();
  }
}
