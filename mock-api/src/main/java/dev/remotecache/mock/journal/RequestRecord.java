package dev.remotecache.mock.journal;

import java.time.Instant;

/**
 * One answered request, whatever it was: what the live view and the request log show.
 *
 * @param operationId the spec's operation, or {@code null} when the request matched none (a
 *     preflight names none either: it is not a call of the operation)
 * @param violations how many contract violations it had (0 when accepted)
 * @param summary the violations in one line; for an accepted request what else there is to say (a
 *     fault, a forced answer, the call a preflight asks about), or {@code null}
 * @param answerClass what kind of answer it got
 */
public record RequestRecord(
    Instant receivedAt,
    String method,
    String url,
    String operationId,
    int status,
    boolean accepted,
    int violations,
    String summary,
    Integer durationMs,
    AnswerClass answerClass) {

  /** A record whose answer class follows from its verdict and status. */
  public RequestRecord(
      Instant receivedAt,
      String method,
      String url,
      String operationId,
      int status,
      boolean accepted,
      int violations,
      String summary,
      Integer durationMs) {
    this(
        receivedAt,
        method,
        url,
        operationId,
        status,
        accepted,
        violations,
        summary,
        durationMs,
        accepted ? AnswerClass.ofStatus(status) : AnswerClass.REJECTED);
  }
}
