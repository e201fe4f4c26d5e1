package dev.remotecache.mock.internal.pipeline;

import com.atlassian.oai.validator.model.ApiOperation;
import dev.remotecache.client.model.Violation;
import dev.remotecache.client.model.ViolationLocation;
import dev.remotecache.mock.internal.contract.ErrorCode;
import dev.remotecache.mock.internal.contract.RequestVerdict;
import dev.remotecache.mock.internal.contract.ValidatorRequest;
import dev.remotecache.mock.internal.contract.ViolationRule;
import dev.remotecache.mock.internal.contract.Violations;
import dev.remotecache.mock.internal.http.Answer;
import dev.remotecache.mock.internal.operations.DocumentedAnswers;
import dev.remotecache.mock.internal.operations.Operation;
import dev.remotecache.mock.internal.operations.OperationContext;
import dev.remotecache.mock.internal.operations.OperationDispatcher;
import dev.remotecache.mock.internal.workbench.PreferHeader;
import dev.remotecache.mock.internal.workbench.ResponseOverrides;
import dev.remotecache.mock.journal.AnswerClass;
import dev.remotecache.mock.overrides.FaultRule;
import dev.remotecache.mock.overrides.ForcedResponse;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Answers a request that met the contract: with the documented answer it asked for ({@code Prefer:
 * code=...}) or that was forced for its operation, else with the operation's own answer; then
 * applies any fault injected for the operation, as data the server adapter carries out.
 */
public final class AcceptedAnswers {

  private final DocumentedAnswers documented;
  private final ResponseOverrides overrides;

  public AcceptedAnswers(DocumentedAnswers documented, ResponseOverrides overrides) {
    this.documented = documented;
    this.overrides = overrides;
  }

  /**
   * @param bytes the body as a stream, for an operation that takes bytes; {@code null} otherwise
   * @param context the request's context, for the operation's handler
   */
  Outcome answer(
      Operation served, ValidatorRequest request, InputStream bytes, OperationContext context) {
    ApiOperation operation = served.spec();
    String operationId = served.id();
    Optional<ForcedResponse> forced;
    try {
      forced = PreferHeader.parse(operationId, request.getHeaderValue("Prefer").orElse(null));
    } catch (IllegalArgumentException e) {
      return refuse(operation, null, e.getMessage());
    }
    boolean asked = forced.isPresent();
    if (asked) {
      Optional<String> refusal = documented.refusal(operation.getOperation(), forced.get());
      if (refusal.isPresent()) {
        return refuse(operation, forced.get(), refusal.get());
      }
    } else {
      forced = overrides.forcedFor(operationId); // checked against the spec when it was set
    }
    RequestVerdict verdict = new RequestVerdict(Optional.of(operation), List.of());
    boolean head = request.getMethod() == com.atlassian.oai.validator.model.Request.Method.HEAD;
    Optional<ForcedResponse> documentedAnswer =
        forced.filter(f -> !isOwnSuccess(operation, f.status()));
    Answer answer =
        documentedAnswer
            .map(f -> documented.answer(operation.getOperation(), f, head))
            .orElseGet(() -> served.handler().handle(request, bytes, context));
    Optional<FaultRule> fault = overrides.faultFor(operationId);
    Integer forcedStatus = forced.map(ForcedResponse::status).orElse(null);
    OverridesMet met =
        new OverridesMet(
            asked ? forcedStatus : null,
            asked ? null : forcedStatus,
            fault.map(FaultRule::kind).orElse(null));
    if (fault.isPresent()) {
      return new Outcome(
          verdict,
          withFault(answer, fault.get()),
          "fault: " + fault.get().kind(),
          AnswerClass.FAULT,
          met);
    }
    return documentedAnswer
        .map(f -> new Outcome(verdict, answer, "forced " + f.status(), AnswerClass.FORCED, met))
        .orElseGet(() -> new Outcome(verdict, answer, null, null, met));
  }

  /** Asking for the operation's own success status is asking for its real answer. */
  private static boolean isOwnSuccess(ApiOperation operation, int status) {
    return OperationDispatcher.successResponse(operation.getOperation())
        .getKey()
        .equals(String.valueOf(status));
  }

  /**
   * A {@code Prefer} that asks for an answer the spec does not document: the codes it does
   * document.
   */
  private static Outcome refuse(ApiOperation operation, ForcedResponse forced, String message) {
    List<String> documentedCodes = List.copyOf(operation.getOperation().getResponses().keySet());
    Violation violation =
        Violations.of(ViolationLocation.HEADER, ViolationRule.ENUM, message)
            .at("Prefer")
            .expected(documentedCodes)
            .actual(forced == null ? null : String.valueOf(forced.status()));
    return Outcome.rejected(new RequestVerdict(Optional.of(operation), List.of(violation)));
  }

  /** The fault as data on the answer: a delay, another status, or a broken connection. */
  private static Answer withFault(Answer answer, FaultRule fault) {
    return switch (fault.kind()) {
      case DELAY -> answer.withDisruption(new Answer.Disruption(delayOf(fault), null));
      case SERVER_ERROR -> {
        answer.withoutBody(); // closes a download's stream that will not be sent
        int status =
            fault.status() == null ? ErrorCode.INTERNAL_SERVER_ERROR.status() : fault.status();
        yield Answer.error(
            status, ErrorCode.forStatus(status).value(), "injected fault: " + status);
      }
      case CONNECTION_RESET ->
          answer.withDisruption(new Answer.Disruption(0, Answer.Breakage.CONNECTION_RESET));
      case EMPTY_RESPONSE ->
          answer.withDisruption(new Answer.Disruption(0, Answer.Breakage.EMPTY_RESPONSE));
      case TRUNCATED_BODY ->
          answer.withDisruption(new Answer.Disruption(0, Answer.Breakage.TRUNCATED_BODY));
    };
  }

  private static long delayOf(FaultRule fault) {
    if (fault.delayMaxMs() == null) {
      return fault.delayMs();
    }
    return ThreadLocalRandom.current().nextLong(fault.delayMs(), fault.delayMaxMs() + 1L);
  }
}
