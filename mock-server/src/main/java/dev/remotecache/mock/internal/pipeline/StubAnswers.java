package dev.remotecache.mock.internal.pipeline;

import com.atlassian.oai.validator.model.ApiOperation;
import dev.remotecache.mock.internal.contract.AnswerCheck;
import dev.remotecache.mock.internal.contract.ErrorCode;
import dev.remotecache.mock.internal.contract.RequestVerdict;
import dev.remotecache.mock.internal.contract.ValidatorRequest;
import dev.remotecache.mock.internal.http.Answer;
import dev.remotecache.mock.internal.http.ApiRequest;
import dev.remotecache.mock.internal.http.ErrorBodies;
import dev.remotecache.mock.internal.operations.Operation;
import dev.remotecache.mock.internal.text.ViolationText;
import dev.remotecache.mock.journal.AnswerClass;
import dev.remotecache.mock.journal.MockJournal;
import dev.remotecache.mock.journal.ServerDeviation;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A matching stub's answer to an accepted request, held to the spec as it is sent: a stub was
 * checked when it was registered, but what templating makes of it is known only now. An answer the
 * spec does not allow is not sent: the client gets {@code 500} in the API's error shape naming each
 * departure, and the journal a {@link ServerDeviation} (so {@code check} fails on it).
 */
public final class StubAnswers {

  private final StubServing stubs;
  private final AnswerCheck answers;
  private final MockJournal journal;
  private final Clock clock;

  public StubAnswers(StubServing stubs, AnswerCheck answers, MockJournal journal, Clock clock) {
    this.stubs = stubs;
    this.answers = answers;
    this.journal = journal;
    this.clock = clock;
  }

  StubServing serving() {
    return stubs;
  }

  /** The outcome of a stub's answer, or empty when no stub matches. */
  Optional<Outcome> answer(
      ApiRequest request, Operation served, ValidatorRequest view, byte[] body) {
    ApiOperation operation = served.spec();
    Optional<StubServing.Served> match = stubs.answer(request, body);
    if (match.isEmpty()) {
      return Optional.empty();
    }
    StubServing.Served stub = match.get();
    RequestVerdict verdict = new RequestVerdict(Optional.of(operation), List.of());
    Answer answer = stub.answer();
    String note = "stub " + stub.label();
    if (answer.disruption() != null && answer.disruption().breakage() != null) {
      return Optional.of(
          new Outcome(
              verdict, answer, note + ": fault", AnswerClass.FAULT, OverridesMet.NONE, stub, null));
    }
    AnswerCheck.Checked checked =
        answers.checkStub(
            request.path(),
            view.getMethod(),
            answer.status(),
            answer.headers(),
            answer.bytes(),
            "the answer of stub " + stub.label());
    if (checked.holds()) {
      return Optional.of(
          new Outcome(verdict, answer, note, AnswerClass.STUB, OverridesMet.NONE, stub, null));
    }
    journal.record(
        new ServerDeviation(
            clock.instant(),
            request.method(),
            request.url(),
            answer.status(),
            checked.violations(),
            checked.violationCount()));
    ErrorCode code = ErrorCode.INTERNAL_SERVER_ERROR;
    String message =
        "stub "
            + stub.label()
            + " answered "
            + answer.status()
            + ", which breaks the contract of "
            + operation.getOperation().getOperationId()
            + ": "
            + checked.violations().stream()
                .map(ViolationText::placeAndRule)
                .collect(Collectors.joining("; "));
    Answer refused =
        Answer.json(
            code.status(),
            ErrorBodies.of(code.value(), message, checked.violations(), checked.violationCount()));
    return Optional.of(
        new Outcome(
            verdict, refused, message, AnswerClass.SERVER_ERROR, OverridesMet.NONE, stub, null));
  }
}
