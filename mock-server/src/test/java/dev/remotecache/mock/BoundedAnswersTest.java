package dev.remotecache.mock;

import static dev.remotecache.mock.Http.EVENTS;
import static dev.remotecache.mock.Http.VALID_EVENT;
import static dev.remotecache.mock.Http.authorizedPost;
import static dev.remotecache.mock.Http.json;
import static dev.remotecache.mock.Http.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.remotecache.mock.journal.Rejection;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A request that breaks the contract once per item of a body as large as the mock accepts gets an
 * answer, and leaves a journal entry, bounded by the violations named ({@code --max-violations}),
 * not by the body; and the mock keeps serving.
 */
class BoundedAnswersTest {

  private static final int LIMIT = 12 * 1024 * 1024;
  private static final int NAMED = MockSettings.MAX_VIOLATIONS.defaultValue();

  /**
   * What one named violation may take in an answer at most: its fields with a value quoted in 200
   * characters and a message cut at 1000, and its place in the error's message.
   */
  private static final int BYTES_PER_VIOLATION = 5_000;

  private static final String INVALID_EVENT = VALID_EVENT.replace("\"REMOTE\"", "\"remote\"");

  @Test
  void invalidBatchesUpToTheBodyLimitGetABoundedAnswerAndTheMockKeepsServing() {
    try (RemoteCacheMock mock =
        RemoteCacheMock.builder().port(0).maxBodySize(LIMIT).build().start()) {
      for (int round = 1; round <= 3; round++) {
        for (int size : new int[] {8_000_000, LIMIT}) {
          String batch = batchOf(INVALID_EVENT, size);
          int items = itemsIn(INVALID_EVENT, size);

          HttpResponse<String> answer =
              send(authorizedPost(mock.baseUrl(), EVENTS, batch).timeout(Duration.ofMinutes(2)));

          String what = "round " + round + ", " + size + " bytes";
          assertEquals(400, answer.statusCode(), what);
          JsonNode error = json(answer).get("error");
          assertEquals("bad_request", error.get("code").asText(), what);
          assertEquals(NAMED, error.get("violations").size(), what);
          assertEquals("/0/source", error.get("violations").get(0).get("at").asText(), what);
          assertEquals(items, error.get("violationCount").asInt(), what + ": every one counted");
          assertTrue(
              error.get("message").asText().contains(items + " places (the first " + NAMED),
              error.get("message").asText());
          assertTrue(
              answer.body().length() < NAMED * BYTES_PER_VIOLATION,
              what + ": an answer of " + answer.body().length() + " bytes");
        }
        assertEquals(
            200,
            send(authorizedPost(mock.baseUrl(), EVENTS, "[" + VALID_EVENT + "]")).statusCode(),
            "the mock still serves after round " + round);
      }
      String line = mock.journal().requests().get(0).summary();
      assertTrue(line.length() < 10 * BYTES_PER_VIOLATION, "a request's line: " + line.length());
      assertTrue(line.endsWith(" more"), line);
      List<Rejection> rejections = mock.rejections();
      assertEquals(6, rejections.size());
      for (Rejection rejection : rejections) {
        assertEquals(NAMED, rejection.violations().size(), "the journal keeps the same cap");
        assertTrue(rejection.violationCount() > NAMED, "and says how many there are");
      }
    }
  }

  @Test
  void aRejectionNamingManyViolationsWeighsAsSeveralOnTheJournalLimit() {
    try (RemoteCacheMock mock =
        RemoteCacheMock.builder().port(0).journalLimit(50).build().start()) {
      for (int i = 0; i < 3; i++) { // 100 violations named: 25 of the limit's 50 each
        send(authorizedPost(mock.baseUrl(), EVENTS, batchOf(INVALID_EVENT, 200 * 140)));
      }
      assertEquals(2, mock.rejections().size());
      assertEquals(1, mock.journal().droppedRejections());
    }
  }

  @Test
  void aLongValueIsQuotedCutShort() {
    String longHash = "x".repeat(1_000_000) + "-";
    try (RemoteCacheMock mock = RemoteCacheMock.builder().port(0).build().start()) {
      HttpResponse<String> answer =
          send(
              authorizedPost(
                  mock.baseUrl(),
                  EVENTS,
                  "[" + VALID_EVENT.replace("6304b9faf99a2e19", longHash) + "]"));

      assertEquals(400, answer.statusCode(), answer.body());
      JsonNode violation = json(answer).get("error").get("violations").get(0);
      assertEquals("/0/hash", violation.get("at").asText());
      assertEquals(1, json(answer).get("error").get("violationCount").asInt());
      assertTrue(violation.get("actual").asText().endsWith("…"), violation.toString());
      assertTrue(answer.body().length() < BYTES_PER_VIOLATION, answer.body());
    }
  }

  @Test
  void fewerViolationsThanTheCapAreAllNamedAndCounted() {
    try (RemoteCacheMock mock =
        RemoteCacheMock.builder().port(0).maxViolations(2).build().start()) {
      HttpResponse<String> answer =
          send(
              authorizedPost(
                  mock.baseUrl(), EVENTS, "[" + INVALID_EVENT + "," + INVALID_EVENT + "]"));
      JsonNode error = json(answer).get("error");
      assertEquals(2, error.get("violations").size());
      assertEquals(2, error.get("violationCount").asInt());
      assertTrue(
          error
              .get("message")
              .asText()
              .startsWith("The request breaks the contract in 2 places: "));

      answer =
          send(
              authorizedPost(
                  mock.baseUrl(), EVENTS, batchOf(INVALID_EVENT, 3 * INVALID_EVENT.length() + 4)));
      error = json(answer).get("error");
      assertEquals(2, error.get("violations").size(), "the cap is the setting's");
      assertEquals(3, error.get("violationCount").asInt());
    }
  }

  /** A JSON array of copies of {@code item}, padded with spaces to exactly {@code size} bytes. */
  private static String batchOf(String item, int size) {
    int items = itemsIn(item, size);
    StringBuilder batch = new StringBuilder(size).append('[');
    for (int i = 0; i < items; i++) {
      batch.append(i == 0 ? "" : ",").append(item);
    }
    batch.append(" ".repeat(size - batch.length() - 1)).append(']');
    return batch.toString();
  }

  private static int itemsIn(String item, int size) {
    return (size - 2 + 1) / (item.length() + 1);
  }
}
