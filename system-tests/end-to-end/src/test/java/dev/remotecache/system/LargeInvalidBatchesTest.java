package dev.remotecache.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The launched jar, at its default heap (the launcher's JVM defaults), survives invalid batches as
 * large as it accepts: each gets a bounded answer in the API's error shape, one it cannot afford a
 * 413, and it keeps serving without running out of memory.
 */
@Tag("system")
class LargeInvalidBatchesTest {

  private static final String EVENT =
      "{\"sessionId\":\"56699e9f-0892-44d5-b956-3f2ddfd4512e\",\"source\":\"local\","
          + "\"event\":\"HIT\",\"hash\":\"6304b9faf99a2e19\",\"duration\":178}";
  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void theJarAtItsDefaultHeapAnswersLargeInvalidBatchesAndKeepsServing() throws Exception {
    try (MockProcess mock = MockProcess.started("--port", "0", "--quiet")) {
      String invalid = batch(EVENT, 8_000_000);
      for (int round = 1; round <= 3; round++) {
        HttpResponse<String> answer = post(mock, invalid);
        assertEquals(400, answer.statusCode(), "round " + round + ": " + mock.stderr());
        JsonNode error = JSON.readTree(answer.body()).get("error");
        assertEquals(100, error.get("violations").size());
        assertTrue(error.get("violationCount").asInt() > 60_000, error.get("message").asText());
        assertTrue(answer.body().length() < 100_000, answer.body().length() + " bytes");
      }

      // Empty objects: a tree of over 30 times the body's size, refused before it is parsed.
      HttpResponse<String> unaffordable = post(mock, batch("{}", 8_000_000));
      assertEquals(413, unaffordable.statusCode(), unaffordable.body());
      assertEquals(
          "payload_too_large",
          JSON.readTree(unaffordable.body()).get("error").get("code").asText());

      HttpResponse<String> valid = post(mock, "[" + EVENT.replace("local", "LOCAL") + "]");
      assertEquals(200, valid.statusCode(), valid.body());
      assertFalse(mock.stderr().contains("OutOfMemoryError"), mock.stderr());

      ProcessHandle server = mock.process().toHandle().descendants().findFirst().orElseThrow();
      Path status = Path.of("/proc/" + server.pid() + "/status");
      if (Files.exists(status)) { // Linux: the server's resident memory stays near its heap cap
        long rssKb =
            Files.readAllLines(status).stream()
                .filter(line -> line.startsWith("VmRSS:"))
                .mapToLong(line -> Long.parseLong(line.replaceAll("\\D", "")))
                .findFirst()
                .orElseThrow();
        assertTrue(rssKb < 768 * 1024, "resident " + rssKb + " kB");
      }
    }
  }

  private static HttpResponse<String> post(MockProcess mock, String body) throws Exception {
    return CLIENT.send(
        HttpRequest.newBuilder(URI.create(mock.baseUrl() + "/v8/artifacts/events"))
            .timeout(Duration.ofMinutes(2))
            .header("Authorization", "Bearer any-token")
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** A JSON array of copies of {@code item}, about {@code size} bytes long. */
  private static String batch(String item, int size) {
    StringBuilder batch = new StringBuilder(size + item.length()).append('[');
    while (batch.length() + item.length() + 2 < size) {
      batch.append(batch.length() == 1 ? "" : ",").append(item);
    }
    return batch.append(']').toString();
  }
}
