package dev.remotecache.mock.internal.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.remotecache.mock.journal.AnswerClass;
import dev.remotecache.mock.journal.RequestRecord;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The request log's line names and colours each answer by its class, not by its status alone. */
class RequestLineTest {

  private static RequestRecord record(int status, boolean accepted, String summary, AnswerClass c) {
    return new RequestRecord(
        Instant.parse("2026-01-01T12:00:00Z"),
        "GET",
        "/v8/artifacts/status",
        "status",
        status,
        accepted,
        accepted ? 0 : 1,
        summary,
        3,
        c);
  }

  /** The line without its time, which is in the local zone. */
  private static String plain(RequestRecord r) {
    String line = new RequestLine(false).format(r);
    return line.substring(line.indexOf("  ") + 2);
  }

  @Test
  void namesEachClassOfAnswer() {
    assertEquals(
        "GET /v8/artifacts/status  503 fault  3 ms  fault: SERVER_ERROR",
        plain(record(503, true, "fault: SERVER_ERROR", AnswerClass.FAULT)),
        "an injected 5xx is a fault, not an accepted request's 4xx");
    assertEquals(
        "GET /v8/artifacts/status  200 accepted  3 ms",
        plain(record(200, true, null, AnswerClass.SUCCESS)));
    assertEquals(
        "GET /v8/artifacts/status  404 error answer  3 ms",
        plain(record(404, true, null, AnswerClass.ERROR_ANSWER)));
    assertEquals(
        "GET /v8/artifacts/status  401 rejected  3 ms  security Authorization is missing",
        plain(record(401, false, "security Authorization is missing", AnswerClass.REJECTED)));
    assertEquals(
        "GET /v8/artifacts/status  500 server error  3 ms",
        plain(record(500, true, null, AnswerClass.SERVER_ERROR)));
    assertEquals(
        "GET /v8/artifacts/status  403 forced  3 ms  forced 403",
        plain(record(403, true, "forced 403", AnswerClass.FORCED)));
    assertEquals(
        "GET /v8/artifacts/status  204 preflight  3 ms  for GET (status)",
        plain(record(204, true, "for GET (status)", AnswerClass.PREFLIGHT)));
    assertEquals(
        "GET /v8/artifacts/status  302 redirect  3 ms",
        plain(record(302, true, null, AnswerClass.REDIRECT)));
  }

  @Test
  void colourSetsApartFaultsForcedAnswersErrorsAndRejections() {
    Map<AnswerClass, String> colours = new EnumMap<>(AnswerClass.class);
    for (AnswerClass c : AnswerClass.values()) {
      String line = new RequestLine(true).format(record(200, true, null, c));
      int verdict = line.indexOf("200 ");
      String colour = line.substring(line.lastIndexOf('\u001b', verdict), verdict);
      colours.put(c, colour);
    }
    assertEquals(colours.get(AnswerClass.REJECTED), colours.get(AnswerClass.SERVER_ERROR));
    assertEquals(colours.get(AnswerClass.REDIRECT), colours.get(AnswerClass.PREFLIGHT));
    assertEquals(
        6,
        new HashSet<>(colours.values()).size(),
        "accepted, error answer, rejected or 5xx, fault, forced, redirect or preflight: "
            + colours);
    assertTrue(colours.get(AnswerClass.FAULT).contains("35m"), "a fault is magenta");
  }

  @Test
  void aRecordMadeTheOldWayTakesItsClassFromVerdictAndStatus() {
    assertEquals(
        AnswerClass.ERROR_ANSWER,
        new RequestRecord(Instant.EPOCH, "GET", "/", "x", 404, true, 0, null, 1).answerClass());
    assertEquals(
        AnswerClass.REJECTED,
        new RequestRecord(Instant.EPOCH, "GET", "/", "x", 400, false, 1, "s", 1).answerClass());
    assertEquals(
        AnswerClass.SERVER_ERROR,
        new RequestRecord(Instant.EPOCH, "GET", "/", "x", 507, true, 0, null, 1).answerClass());
  }
}
