package dev.remotecache.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.remotecache.mock.store.ArtifactMetadata;
import dev.remotecache.mock.store.ArtifactStore;
import dev.remotecache.mock.store.StorageFailure;
import dev.remotecache.mock.store.StoredArtifact;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.FileSystemException;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * A store that fails is the mock's failure, answered in the API's error shape: 507 when there is no
 * room, 500 for anything else, never the client's 400, and never with a host path in the answer.
 */
class StoreFailureAnswersTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String HOST_PATH = "/srv/secret-volume/74";

  @Test
  void anIoFailureOfTheStoreIsA500ForEveryOperationWithoutItsPath() throws Exception {
    Supplier<RuntimeException> broken =
        () ->
            StorageFailure.of(
                "The artifact could not be read",
                new FileSystemException(HOST_PATH + "/abc.artifact", null, "Input/output error"));
    try (RemoteCacheMock mock =
        RemoteCacheMock.builder().port(0).store(new FailingStore(broken)).build().start()) {
      String artifact = mock.baseUrl() + "/v8/artifacts/abc?slug=team";
      for (HttpRequest.Builder request :
          List.of(
              HttpRequest.newBuilder(URI.create(artifact)).GET(),
              HttpRequest.newBuilder(URI.create(mock.baseUrl() + "/v8/artifacts?slug=team"))
                  .DELETE(),
              HttpRequest.newBuilder(URI.create(mock.baseUrl() + "/v8/artifacts?slug=team"))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString("{\"hashes\":[\"abc\"]}")),
              HttpRequest.newBuilder(URI.create(artifact))
                  .header("Content-Type", "application/octet-stream")
                  .PUT(HttpRequest.BodyPublishers.ofString("bytes")))) {
        HttpResponse<String> answer = send(request);
        assertEquals(500, answer.statusCode(), answer.body());
        assertEquals("internal_server_error", Http.json(answer).at("/error/code").asText());
        assertFalse(answer.body().contains(HOST_PATH), answer.body());
      }
      HttpResponse<String> head = send(HttpRequest.newBuilder(URI.create(artifact)).HEAD());
      assertEquals(500, head.statusCode());
    }
  }

  @Test
  void aFullDiskIsA507WithoutThePath() throws Exception {
    Supplier<RuntimeException> full =
        () ->
            StorageFailure.of(
                "The artifact could not be stored",
                new FileSystemException(
                    HOST_PATH + "/.upload-1.tmp", null, "No space left on device"));
    try (RemoteCacheMock mock =
        RemoteCacheMock.builder().port(0).store(new FailingStore(full)).build().start()) {
      HttpResponse<String> upload =
          send(
              HttpRequest.newBuilder(URI.create(mock.baseUrl() + "/v8/artifacts/abc"))
                  .header("Content-Type", "application/octet-stream")
                  .PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[100_000])));
      assertEquals(507, upload.statusCode(), upload.body());
      assertEquals("insufficient_storage", Http.json(upload).at("/error/code").asText());
      assertFalse(upload.body().contains(HOST_PATH), upload.body());
    }
  }

  @Test
  void aStoresOwnIoExceptionIsTheMocksFailureNotABadRequest() throws Exception {
    Supplier<RuntimeException> raw =
        () -> new UncheckedIOException(new IOException("the store's disk went away"));
    try (RemoteCacheMock mock =
        RemoteCacheMock.builder().port(0).store(new FailingStore(raw)).build().start()) {
      HttpResponse<String> download =
          send(HttpRequest.newBuilder(URI.create(mock.baseUrl() + "/v8/artifacts/abc")).GET());
      assertEquals(500, download.statusCode(), download.body());
      assertEquals("internal_server_error", Http.json(download).at("/error/code").asText());
    }
  }

  @Test
  void aFullDiskOrQuotaIsNoSpaceAnyOtherIoFailureIsAFailureNeitherNamesThePath() {
    assertEquals(
        StorageFailure.Kind.NO_SPACE,
        StorageFailure.of("stored", new IOException("No space left on device")).kind());
    assertEquals(
        StorageFailure.Kind.NO_SPACE,
        StorageFailure.of("stored", new FileSystemException(HOST_PATH, null, "Disk quota exceeded"))
            .kind());
    StorageFailure other =
        StorageFailure.of("read", new FileSystemException(HOST_PATH, null, "Input/output error"));
    assertEquals(StorageFailure.Kind.FAILED, other.kind());
    assertFalse(other.getMessage().contains(HOST_PATH), other.getMessage());
  }

  private static HttpResponse<String> send(HttpRequest.Builder request)
      throws IOException, InterruptedException {
    return HTTP.send(
        request.header("Authorization", "Bearer t").build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A store whose every call fails as {@code failure} says. */
  private record FailingStore(Supplier<RuntimeException> failure) implements ArtifactStore {
    @Override
    public ArtifactMetadata put(
        String team, String hash, InputStream bytes, long declaredLength, ArtifactMetadata m) {
      throw failure.get();
    }

    @Override
    public Optional<Content> open(String team, String hash) {
      throw failure.get();
    }

    @Override
    public Optional<ArtifactMetadata> metadata(String team, String hash) {
      throw failure.get();
    }

    @Override
    public int deleteAll(String team) {
      throw failure.get();
    }

    @Override
    public List<StoredArtifact> list() {
      throw failure.get();
    }

    @Override
    public void clear() {
      throw failure.get();
    }
  }
}
