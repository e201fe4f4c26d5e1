package dev.remotecache.mock.apitest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.remotecache.client.ArtifactDownload;
import dev.remotecache.client.RemoteCacheClient;
import dev.remotecache.client.UploadOptions;
import dev.remotecache.client.api.ArtifactsApi;
import dev.remotecache.client.invoker.ApiException;
import dev.remotecache.client.model.CacheEventType;
import dev.remotecache.client.model.CacheSource;
import dev.remotecache.client.model.CacheUsageEvent;
import dev.remotecache.client.model.CachingStatus;
import dev.remotecache.mock.junit.RemoteCacheMockExtension;
import dev.remotecache.mock.store.ArtifactMetadata;
import dev.remotecache.mock.store.StoredArtifact;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client as a tool author meets it ({@link RemoteCacheClient}): one call per upload, lookup and
 * download, the optional headers by name, downloads streamed to the caller's stream or file with no
 * temporary file, and parameter names in the classes. Real HTTP against the mock, which records
 * what each header carried.
 */
class RemoteCacheClientTest {

  @RegisterExtension static RemoteCacheMockExtension mock = new RemoteCacheMockExtension();

  private static final String HASH = "6304b9faf99a2e19";

  private static RemoteCacheClient cache() {
    return RemoteCacheClient.connect(mock.baseUrl(), "any-token").forTeam("web");
  }

  private static byte[] artifactBytes() {
    byte[] bytes = new byte[2 * 1024 * 1024 + 5]; // more than any buffer on the way
    new Random(7).nextBytes(bytes);
    return bytes;
  }

  @Test
  void uploadsWithEveryOptionalHeaderByName(@TempDir Path dir) throws Exception {
    Path artifact = Files.write(dir.resolve("out.tar.zst"), artifactBytes());

    List<String> urls =
        cache()
            .inCi("GITHUB_ACTIONS")
            .interactive(true)
            .upload(
                HASH,
                artifact,
                new UploadOptions()
                    .duration(Duration.ofMillis(178))
                    .tag("c2lnbmF0dXJl")
                    .sha("cc6ec55")
                    .dirtyHash("d1r7y"))
            .getUrls();

    assertTrue(urls.get(0).endsWith("/v8/artifacts/" + HASH + "?slug=web"), urls.toString());
    mock.verify().noRejections(); // interactive=true went as the spec's 1
    StoredArtifact stored = mock.artifacts().get(0);
    assertEquals(HASH, stored.hash());
    ArtifactMetadata metadata = stored.metadata();
    assertEquals(Files.size(artifact), metadata.size());
    assertEquals(0, new BigDecimal(178).compareTo(metadata.durationMs()), metadata.toString());
    assertEquals("c2lnbmF0dXJl", metadata.tag());
    assertEquals("cc6ec55", metadata.sha());
    assertEquals("d1r7y", metadata.dirtyHash());
    assertEquals("GITHUB_ACTIONS", metadata.clientCi());
  }

  @Test
  void existsIsTrueForAStoredArtifactAndFalseOnA404(@TempDir Path dir) throws Exception {
    assertFalse(cache().exists(HASH));
    cache().upload(HASH, Files.write(dir.resolve("a"), new byte[] {1, 2}));
    assertTrue(cache().exists(HASH));
    assertFalse(cache().forTeam("another-team").exists(HASH), "artifacts are kept per team");
    mock.verify().noRejections();
    mock.verify().requests("artifactExists").hasCount(3);
  }

  @Test
  void aRejectedLookupStillThrows() {
    RemoteCacheClient client = RemoteCacheClient.connect(mock.baseUrl(), "t");
    ApiException refused = assertThrows(ApiException.class, () -> client.exists("not-a-hash"));
    assertEquals(400, refused.getCode(), refused.getResponseBody());
  }

  @Test
  void downloadsToAStreamWithTheTagAndDuration(@TempDir Path dir) throws Exception {
    byte[] bytes = artifactBytes();
    cache()
        .upload(
            HASH,
            Files.write(dir.resolve("up"), bytes),
            new UploadOptions().duration(Duration.ofMillis(2500)).tag("dGFn"));

    ByteArrayOutputStream into = new ByteArrayOutputStream();
    ArtifactDownload found = cache().inCi("VERCEL").download(HASH, into).orElseThrow();

    assertArrayEquals(bytes, into.toByteArray());
    assertEquals(new ArtifactDownload(bytes.length, Duration.ofMillis(2500), "dGFn"), found);
    ByteArrayOutputStream miss = new ByteArrayOutputStream();
    assertEquals(Optional.empty(), cache().download("ffff", miss));
    assertEquals(0, miss.size());
    mock.verify().noRejections();
  }

  @Test
  void downloadsToAPathAndLeavesTheFileAloneOnAMiss(@TempDir Path dir) throws Exception {
    byte[] bytes = artifactBytes();
    cache().upload(HASH, Files.write(dir.resolve("up"), bytes));
    Path existing = Files.write(dir.resolve("existing"), new byte[] {9});

    Path into = dir.resolve("in.tar.zst");
    assertEquals(bytes.length, cache().download(HASH, into).orElseThrow().size());
    assertArrayEquals(bytes, Files.readAllBytes(into));
    assertEquals(Optional.empty(), cache().download("ffff", existing));
    assertArrayEquals(new byte[] {9}, Files.readAllBytes(existing));
    assertEquals(Optional.empty(), cache().download("ffff", dir.resolve("never")));
    assertFalse(Files.exists(dir.resolve("never")));
  }

  /**
   * The generated {@code downloadArtifact} writes every artifact to a file in {@code
   * java.io.tmpdir} and leaves it there; {@code download} must not. The module's test JVMs get a
   * temporary folder of their own (see the pom), so what appears in it during a call is that
   * call's.
   */
  @Test
  void aDownloadLeavesNoTemporaryFileBehind(@TempDir Path dir) throws Exception {
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    assertTrue(
        tmp.endsWith(Path.of("target", "java-io-tmpdir")),
        "the test JVM runs with the module's own java.io.tmpdir, not " + tmp);
    byte[] bytes = artifactBytes();
    cache().upload(HASH, Files.write(dir.resolve("up"), bytes));

    Set<Path> before = filesIn(tmp, dir);
    cache().download(HASH, new ByteArrayOutputStream()).orElseThrow();
    cache().download(HASH, dir.resolve("in")).orElseThrow();
    assertEquals(before, filesIn(tmp, dir), "no file left in " + tmp);

    // The check sees what it looks for: the generated operation leaves its copy there.
    ArtifactsApi generated = cache().api();
    File copy = generated.downloadArtifact(HASH, null, null, null, "web");
    try {
      Set<Path> after = filesIn(tmp, dir);
      after.removeAll(before);
      assertEquals(Set.of(copy.toPath().toAbsolutePath()), after);
    } finally {
      Files.delete(copy.toPath());
    }
  }

  @Test
  void recordsEventsAndReadsTheStatusForItsTeam() throws Exception {
    CacheUsageEvent hit =
        new CacheUsageEvent()
            .sessionId(UUID.randomUUID())
            .source(CacheSource.REMOTE)
            .event(CacheEventType.HIT)
            .hash(HASH)
            .duration(178.0);
    cache().inCi("GITHUB_ACTIONS").recordEvents(List.of(hit));
    assertEquals("web", mock.batches().get(0).slug());
    assertEquals("GITHUB_ACTIONS", mock.batches().get(0).clientCi());
    assertEquals(CachingStatus.ENABLED, cache().status());
    mock.verify().noRejections();
  }

  /**
   * Compiled with {@code -parameters}: an IDE and reflection see {@code hash}, not {@code arg0}.
   */
  @Test
  void theClassesKeepTheirParameterNames() throws Exception {
    List<String> nameless = new ArrayList<>();
    for (Class<?> type :
        List.of(ArtifactsApi.class, RemoteCacheClient.class, UploadOptions.class)) {
      for (Method method : type.getDeclaredMethods()) {
        if (!Modifier.isPublic(method.getModifiers())) {
          continue;
        }
        for (Parameter parameter : method.getParameters()) {
          if (!parameter.isNamePresent()) {
            nameless.add(type.getSimpleName() + "." + method.getName() + " " + parameter);
          }
        }
      }
    }
    assertEquals(List.of(), nameless);
    Method upload =
        Stream.of(ArtifactsApi.class.getMethods())
            .filter(m -> m.getName().equals("uploadArtifact"))
            .findFirst()
            .orElseThrow();
    assertEquals("hash", upload.getParameters()[0].getName()); // the spec's path parameter
  }

  /** The files under {@code dir}, but for the test's own folder (JUnit puts it there too). */
  private static Set<Path> filesIn(Path dir, Path except) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files
          .filter(Files::isRegularFile)
          .map(Path::toAbsolutePath)
          .filter(file -> !file.startsWith(except.toAbsolutePath()))
          .collect(Collectors.toCollection(java.util.HashSet::new));
    }
  }
}
