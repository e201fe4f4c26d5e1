package dev.remotecache.mock.internal.pipeline;

import com.atlassian.oai.validator.model.ApiOperation;
import com.atlassian.oai.validator.model.Request;
import dev.remotecache.client.model.Violation;
import dev.remotecache.mock.internal.contract.BodySizeLimit;
import dev.remotecache.mock.internal.contract.ContractCheck;
import dev.remotecache.mock.internal.contract.ErrorCode;
import dev.remotecache.mock.internal.contract.RequestVerdict;
import dev.remotecache.mock.internal.contract.ValidatorRequest;
import dev.remotecache.mock.internal.http.Answer;
import dev.remotecache.mock.internal.http.ApiRequest;
import dev.remotecache.mock.journal.AnswerClass;
import dev.remotecache.mock.store.SizedStream;
import dev.remotecache.mock.store.StorageFailure;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/**
 * The one road every API request takes, whichever server received it and in every mode (plain,
 * faults, forced answers, proxy):
 *
 * <ol>
 *   <li>a CORS preflight is answered as the spec's CORS policy says ({@link CrossOrigin}), before
 *       anything else: it needs no token and is no rejection;
 *   <li>the body limit, on the declared length, before any byte is read;
 *   <li>a client that waits for {@code 100 Continue} before it sends its body: the headers are
 *       checked first, and if they already break the contract the answer is given without asking
 *       for the body (the server sends {@code 100} only when the body is read);
 *   <li>the body: JSON read whole (within the limit) and parsed once, for the check and the
 *       operation alike; an artifact left in its stream, to flow straight into the store;
 *   <li>the contract check ({@link ContractCheck});
 *   <li>the answer: a rejection naming every violation ({@link RejectionAnswers}), the real
 *       server's behind a proxy ({@link ProxyAnswers}), or the accepted request's ({@link
 *       AcceptedAnswers}, which also applies faults as data);
 *   <li>one record of it all ({@link RequestRecorder}): journal, request list, log line;
 *   <li>the CORS headers, on every answer, errors included ({@link CrossOrigin}).
 * </ol>
 *
 * <p>Whatever fails inside is answered in the API's error shape, logged and recorded: never a
 * server's error page, never a hang.
 */
public final class RequestPipeline {

  private static final System.Logger LOG = System.getLogger(RequestPipeline.class.getName());

  private final ContractCheck check;
  private final BodySizeLimit limit;
  private final AcceptedAnswers accepted;
  private final ProxyAnswers proxy;
  private final RequestRecorder recorder;
  private final CrossOrigin crossOrigin;

  /**
   * @param proxy the real server's answers, or {@code null} to answer as the mock
   */
  public RequestPipeline(
      ContractCheck check,
      BodySizeLimit limit,
      AcceptedAnswers accepted,
      ProxyAnswers proxy,
      RequestRecorder recorder) {
    this.check = check;
    this.limit = limit;
    this.accepted = accepted;
    this.proxy = proxy;
    this.recorder = recorder;
    this.crossOrigin = new CrossOrigin(check.contract());
  }

  /**
   * What became of one request: the verdict, the answer, anything else the record should say, what
   * kind of answer it is ({@code null}: as its verdict and status say), and the workbench overrides
   * that shaped it (for the contract coverage).
   */
  record Outcome(
      RequestVerdict verdict,
      Answer answer,
      String note,
      AnswerClass answerClass,
      OverridesMet met) {
    Outcome(RequestVerdict verdict, Answer answer, String note) {
      this(verdict, answer, note, null, OverridesMet.NONE);
    }

    static Outcome rejected(RequestVerdict verdict) {
      return new Outcome(verdict, RejectionAnswers.of(verdict), null);
    }
  }

  /** Answers one request; the answer is recorded before it is returned (so before it is sent). */
  public Answer handle(ApiRequest request) {
    long start = System.nanoTime();
    Outcome outcome;
    try {
      Optional<Outcome> preflight = crossOrigin.preflight(request);
      outcome = preflight.isPresent() ? preflight.get() : decide(request);
    } catch (Throwable failure) { // an Error too: the client gets an answer, the log the cause
      outcome = failed(request, failure);
    }
    Answer answer = request.isHead() ? outcome.answer().withoutBody() : outcome.answer();
    recorder.record(
        request,
        outcome.verdict(),
        outcome.note(),
        outcome.answerClass(),
        outcome.met(),
        answer.status(),
        start);
    return crossOrigin.withHeaders(answer);
  }

  private Outcome decide(ApiRequest request) {
    Optional<Request.Method> method = ValidatorRequest.methodOf(request.method());
    if (method.isEmpty()) {
      return Outcome.rejected(check.unknownMethod(request.path(), request.method()));
    }
    Optional<Violation> declaredTooLarge =
        limit.checkDeclared(request.header("Content-Length").orElse(null));
    if (declaredTooLarge.isPresent()) {
      return bodyTooLarge(declaredTooLarge.get());
    }
    Optional<ApiOperation> operation = check.contract().operationFor(request.path(), method.get());
    if (waitsForContinue(request) && (proxy == null || !proxy.forwardsInvalid())) {
      RequestVerdict onHeaders =
          check.checkHeaders(ValidatorRequest.withUnreadBody(request, method.get()), operation);
      if (!onHeaders.accepted()) {
        // Its body is never asked for nor read: the connection closes after the answer, so no
        // body the client might still send is taken for its next request.
        return new Outcome(
            onHeaders, RejectionAnswers.of(onHeaders).withHeader("Connection", "close"), null);
      }
    }
    boolean streamed = proxy == null && operation.map(RequestPipeline::takesBytes).orElse(false);
    byte[] body = new byte[0];
    ValidatorRequest view;
    if (streamed) {
      view = ValidatorRequest.withUnreadBody(request, method.get());
    } else {
      try {
        body = readWithinLimit(request);
      } catch (BodyTooLarge e) {
        return bodyTooLarge(e.violation());
      }
      view = ValidatorRequest.withBody(request, method.get(), body);
    }
    RequestVerdict verdict = check.check(view, operation);
    if (proxy != null && (verdict.accepted() || proxy.forwardsInvalid())) {
      ProxyAnswers.Proxied proxied = proxy.forward(view, verdict, body);
      return new Outcome(verdict, proxied.answer(), proxied.note());
    }
    if (!verdict.accepted()) {
      if (streamed) {
        drainQuietly(request); // as below: the client reads the refusal, not a reset
      }
      return Outcome.rejected(verdict);
    }
    LimitedBody streamedBody = null;
    try {
      streamedBody = streamed ? new LimitedBody(request.body().open(), limit) : null;
      InputStream bytes =
          streamed ? new SizedStream(streamedBody, request.body().declaredLength()) : null;
      Outcome outcome = accepted.answer(operation.orElseThrow(), view, bytes);
      // A forced or refused answer leaves the artifact unread: read it, or closing the connection
      // on unread bytes would reset it before the client reads the answer.
      drainQuietly(streamedBody);
      return outcome;
    } catch (IOException | UncheckedIOException e) {
      Throwable cause = e instanceof UncheckedIOException unchecked ? unchecked.getCause() : e;
      if (cause instanceof BodyTooLarge tooLarge) {
        return bodyTooLarge(tooLarge.violation());
      }
      // The client's body broke off (it went away, or sent less than it declared): nothing was
      // stored.
      String message = "The request body could not be read to its end: " + cause;
      ErrorCode code = ErrorCode.BAD_REQUEST;
      return new Outcome(verdict, Answer.error(code.status(), code.value(), message), message);
    } catch (StorageFailure e) {
      // The client is still sending: read the rest (within the limit), or closing the connection on
      // unread bytes would reset it, and the client would never see why.
      drainQuietly(streamedBody);
      ErrorCode code = e.tooLarge() ? ErrorCode.PAYLOAD_TOO_LARGE : ErrorCode.INSUFFICIENT_STORAGE;
      return new Outcome(
          verdict, Answer.error(code.status(), code.value(), e.getMessage()), e.getMessage());
    }
  }

  /** A client that sends its body only after {@code 100 Continue} (RFC 9110 §10.1.1). */
  private static boolean waitsForContinue(ApiRequest request) {
    return request.body().present()
        && request
            .header("Expect")
            .map(e -> e.strip().equalsIgnoreCase("100-continue"))
            .orElse(false);
  }

  /**
   * An operation whose request body is bytes only (an upload): its body is streamed, not read here.
   */
  private static boolean takesBytes(ApiOperation operation) {
    var body = operation.getOperation().getRequestBody();
    return body != null
        && body.getContent() != null
        && !body.getContent().isEmpty()
        && body.getContent().keySet().stream().noneMatch(type -> type.contains("json"));
  }

  private byte[] readWithinLimit(ApiRequest request) throws BodyTooLarge {
    if (!request.body().present()) {
      return new byte[0];
    }
    try (InputStream in = new LimitedBody(request.body().open(), limit)) {
      return in.readAllBytes();
    } catch (BodyTooLarge e) {
      throw e;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void drainQuietly(ApiRequest request) {
    try {
      drainQuietly(new LimitedBody(request.body().open(), limit));
    } catch (IOException ignored) {
      // the client went away
    }
  }

  private static void drainQuietly(InputStream body) {
    if (body == null) {
      return;
    }
    try {
      body.transferTo(OutputStream.nullOutputStream());
    } catch (IOException | UncheckedIOException ignored) {
      // over the limit, or the client went away: the connection closes either way
    }
  }

  /** 413, and the connection closed: the rest of the body is never read. */
  private static Outcome bodyTooLarge(Violation violation) {
    RequestVerdict verdict = new RequestVerdict(Optional.empty(), List.of(violation));
    return new Outcome(
        verdict, RejectionAnswers.of(verdict).withHeader("Connection", "close"), null);
  }

  private Outcome failed(ApiRequest request, Throwable failure) {
    LOG.log(
        System.Logger.Level.ERROR,
        "the mock failed on " + request.method() + " " + request.url() + ": " + failure,
        failure);
    ErrorCode code = ErrorCode.INTERNAL_SERVER_ERROR;
    String message =
        "The mock failed while answering (a bug in the mock, not in the client): " + failure;
    return new Outcome(
        new RequestVerdict(Optional.empty(), List.of()),
        Answer.error(code.status(), code.value(), message),
        message);
  }

  /** A body over the size limit, noticed while reading one sent without a declared length. */
  static final class BodyTooLarge extends IOException {
    private static final long serialVersionUID = 1L;
    private final transient Violation violation;

    BodyTooLarge(Violation violation) {
      super(violation.getMessage());
      this.violation = violation;
    }

    Violation violation() {
      return violation;
    }
  }

  /** The request's body stream, cut off with {@link BodyTooLarge} once it passes the limit. */
  private static final class LimitedBody extends FilterInputStream {
    private final BodySizeLimit limit;
    private long read;

    LimitedBody(InputStream in, BodySizeLimit limit) {
      super(in);
      this.limit = limit;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    /**
     * The request's stream stays open: the server closes it, and a failed upload drains it first.
     */
    @Override
    public void close() {}

    private void count(int n) throws BodyTooLarge {
      read += n;
      Optional<Violation> over = limit.checkRead(read);
      if (over.isPresent()) {
        throw new BodyTooLarge(over.get());
      }
    }
  }
}
