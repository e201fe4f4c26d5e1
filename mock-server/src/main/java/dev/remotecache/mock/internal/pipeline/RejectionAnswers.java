package dev.remotecache.mock.internal.pipeline;

import dev.remotecache.client.model.Violation;
import dev.remotecache.client.model.ViolationLocation;
import dev.remotecache.mock.internal.contract.ErrorCode;
import dev.remotecache.mock.internal.contract.RequestVerdict;
import dev.remotecache.mock.internal.http.Answer;
import dev.remotecache.mock.internal.http.ErrorBodies;
import dev.remotecache.mock.internal.operations.DocumentedAnswers;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The answer to a rejected request: its status, the error body naming every violation, and the
 * headers HTTP asks for.
 */
public final class RejectionAnswers {

  private RejectionAnswers() {}

  public static Answer of(RequestVerdict verdict) {
    int status = verdict.status();
    Answer answer =
        Answer.json(
            status,
            ErrorBodies.of(
                verdict.errorCode().value(),
                verdict.summary(),
                verdict.violations(),
                verdict.violationCount()));
    if (status == ErrorCode.NOT_AUTHORIZED.status()) {
      // RFC 6750: tell the client which scheme to use and why it failed.
      answer = answer.withHeader("WWW-Authenticate", DocumentedAnswers.BEARER_CHALLENGE);
    }
    if (status == ErrorCode.METHOD_NOT_ALLOWED.status()) {
      for (Violation v : verdict.violations()) {
        if (v.getIn() == ViolationLocation.METHOD && v.getExpected() instanceof List<?> allowed) {
          answer =
              answer.withHeader(
                  "Allow",
                  allowed.stream().map(Object::toString).collect(Collectors.joining(", ")));
          break;
        }
      }
    }
    return answer;
  }
}
