package dev.remotecache.mock.apitest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.remotecache.client.RemoteCacheClient;
import dev.remotecache.client.invoker.ApiException;
import dev.remotecache.client.model.CacheEventType;
import dev.remotecache.client.model.CacheSource;
import dev.remotecache.client.model.CacheUsageEvent;
import dev.remotecache.client.model.CachingStatus;
import dev.remotecache.mock.RemoteCacheMock;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The builder's settings reach the server, wherever it runs (out of process they become its command
 * line), and a stopped mock still tells what it received.
 */
class BuilderSettingsTest {

  private static CacheUsageEvent miss(String hash) {
    return new CacheUsageEvent()
        .sessionId(UUID.randomUUID())
        .source(CacheSource.LOCAL)
        .event(CacheEventType.MISS)
        .hash(hash)
        .duration(3.0);
  }

  @Test
  void writesTheCheckReportsWhenItStops(@TempDir Path reports) throws Exception {
    try (RemoteCacheMock mock = RemoteCacheMock.builder().port(0).reportOnExit(reports).build()) {
      mock.start();
      var client = RemoteCacheClient.artifacts(mock.baseUrl(), "any");
      client.recordEvents(List.of(miss("ab12")), null, null, null, "web");
      assertThrows(
          ApiException.class,
          () -> client.recordEvents(List.of(miss("not a hash!")), null, null, null, "web"));
    }

    String junit = Files.readString(reports.resolve("remote-cache-check.xml"));
    assertTrue(junit.contains("<testcase") && junit.contains("<failure"), junit);
    assertTrue(junit.contains("recordEvents"), junit);
    assertTrue(Files.exists(reports.resolve("remote-cache-check.json")));
    assertTrue(Files.exists(reports.resolve("remote-cache-check.md")));
  }

  @Test
  void tokensStorageStatusAndTheRequestLog(@TempDir Path dir) throws Exception {
    List<String> log = new CopyOnWriteArrayList<>();
    try (RemoteCacheMock mock =
        RemoteCacheMock.builder()
            .port(0)
            .token("secret")
            .adminToken("admin-secret")
            .storage(dir)
            .status(CachingStatus.DISABLED)
            .requestLog(log::add)
            .build()
            .start()) {
      ApiException wrongToken =
          assertThrows(
              ApiException.class,
              () -> RemoteCacheClient.artifacts(mock.baseUrl(), "other").status(null, "web"));
      assertEquals(401, wrongToken.getCode());
      var client = RemoteCacheClient.artifacts(mock.baseUrl(), "secret");
      assertEquals(CachingStatus.DISABLED, client.status(null, "web").getStatus());
      RemoteCacheClient.connect(mock.baseUrl(), "secret")
          .forTeam("web")
          .upload("ab12", Files.write(dir.resolve("upload"), new byte[] {7}));

      assertEquals(1, mock.rejections().size()); // the wrong token, read with the admin token
      mock.reset(); // a storage directory outlives a reset
      assertEquals(1, mock.artifacts().size());
      try (var files = Files.walk(dir)) {
        assertTrue(
            files.anyMatch(p -> p.getFileName().toString().startsWith("ab12")), "stored in " + dir);
      }
      Instant deadline =
          Instant.now().plusSeconds(10); // out of process the log comes through a pipe
      while (log.size() < 3 && Instant.now().isBefore(deadline)) {
        Thread.sleep(20);
      }
      assertEquals(3, log.size(), () -> "request log: " + log);
      assertTrue(
          log.get(0).contains("GET /v8/artifacts/status?slug=web  401 rejected"), log.get(0));
      assertTrue(log.get(2).contains("PUT /v8/artifacts/ab12?slug=web  202 accepted"), log.get(2));
    }
  }

  @Test
  void theJournalLimitCountsWhatWasDropped() throws Exception {
    try (RemoteCacheMock mock = RemoteCacheMock.builder().port(0).journalLimit(1).build().start()) {
      var client = RemoteCacheClient.artifacts(mock.baseUrl(), "t");
      client.recordEvents(List.of(miss("aa")), null, null, null, "web");
      client.recordEvents(List.of(miss("bb")), null, null, null, "web");

      assertEquals(1, mock.journal().droppedEvents());
      assertEquals("bb", mock.events().get(0).getHash());
      AssertionError e =
          assertThrows(AssertionError.class, () -> mock.verify().events().hasCount(2));
      assertTrue(e.getMessage().contains("the journal dropped 1 older events"), e.getMessage());
    }
  }

  @Test
  void maxViolationsBoundsTheAnswerAndTheJournal() throws Exception {
    try (RemoteCacheMock mock =
        RemoteCacheMock.builder().port(0).maxViolations(1).build().start()) {
      var client = RemoteCacheClient.artifacts(mock.baseUrl(), "t");
      ApiException refused =
          assertThrows(
              ApiException.class,
              () ->
                  client.recordEvents(
                      List.of(miss("not a hash!"), miss("nor this!")), null, null, null, "web"));

      assertEquals(400, refused.getCode());
      assertTrue(
          refused.getResponseBody().contains("\"violationCount\":2"), refused.getResponseBody());
      assertEquals(1, mock.rejections().get(0).violations().size());
      assertEquals(2, mock.rejections().get(0).violationCount());
    }
  }

  @Test
  void aStoppedMockStillTellsWhatItReceived() throws Exception {
    RemoteCacheMock mock =
        RemoteCacheMock.builder().port(0).idleTimeout(Duration.ofMillis(1500)).build().start();
    int port = mock.port();
    RemoteCacheClient.artifacts(mock.baseUrl(), "t")
        .recordEvents(List.of(miss("aa")), null, null, null, "web");

    mock.stop();

    assertFalse(mock.isRunning());
    assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", port).close());
    assertEquals(1, mock.events().size());
    mock.verify().events().team("web").hasCount(1);
  }
}
