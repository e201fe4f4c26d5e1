package dev.remotecache.mock.internal.pipeline;

import dev.remotecache.client.model.Violation;
import dev.remotecache.mock.internal.contract.Admission;
import dev.remotecache.mock.internal.contract.BodyAsRead;
import dev.remotecache.mock.internal.contract.BodySizeLimit;
import dev.remotecache.mock.internal.contract.ContractCheck;
import dev.remotecache.mock.internal.contract.ErrorCode;
import dev.remotecache.mock.internal.contract.RequestVerdict;
import dev.remotecache.mock.internal.contract.ValidatorRequest;
import dev.remotecache.mock.internal.http.Answer;
import dev.remotecache.mock.internal.http.ApiRequest;
import dev.remotecache.mock.internal.operations.Operation;
import dev.remotecache.mock.internal.operations.OperationContext;
import dev.remotecache.mock.internal.operations.OperationDispatcher;
import dev.remotecache.mock.internal.operations.Operations;
import dev.remotecache.mock.store.StorageFailure;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one road every API request takes, whichever server received it and in every mode (plain,
 * faults, forced answers, proxy):
 *
 * <ol>
 *   <li>a CORS preflight is answered as the spec's CORS policy says ({@link CrossOrigin}), before
 *       anything else: it needs no token and is no rejection;
 *   <li>the body limit, on the declared length, before any byte is read;
 *   <li>the request's {@link Operation}, found in {@link Operations} (built once per route):
 *       whether its body is an artifact, and its handler;
 *   <li>a client that waits for {@code 100 Continue} before it sends its body: the headers are
 *       checked first, and if they already break the contract the answer is given without asking
 *       for the body (the server sends {@code 100} only when the body is read);
 *   <li>the body: JSON read whole (within the limit, and within its room in the heap's share for
 *       JSON bodies, {@link JsonBodyBudget}) and parsed once, for the check and the operation
 *       alike; an artifact left in its stream, to flow straight into the store;
 *   <li>the contract check, one call ({@link ContractCheck#admit}) with the body as far as it is
 *       read ({@link BodyAsRead});
 *   <li>the answer: a rejection naming every violation ({@link RejectionAnswers}), the real
 *       server's behind a proxy ({@link ProxyAnswers}), or the accepted request's ({@link
 *       AcceptedAnswers}, which also applies faults as data), the operation's handler given the
 *       request's own {@link OperationContext};
 *   <li>one record of it all ({@link RequestRecorder}): journal, request list, log line;
 *   <li>the CORS headers, on every answer, errors included ({@link CrossOrigin}).
 * </ol>
 *
 * <p>Whatever fails inside is answered in the API's error shape, logged and recorded: never a
 * server's error page, never a hang.
 */
public final class RequestPipeline {

  private static final Logger LOG = LoggerFactory.getLogger(RequestPipeline.class);

  private final ContractCheck check;
  private final OperationDispatcher handlers;
  private volatile Operations operations;
  private final BodySizeLimit limit;
  private final JsonBodyBudget jsonBudget;
  private final AcceptedAnswers accepted;
  private final ProxyAnswers proxy;
  private final RequestRecorder recorder;
  private final CrossOrigin crossOrigin;
  private final StubAnswers stubs;

  /**
   * @param jsonBodyBytes the heap JSON bodies in flight may take together ({@link
   *     dev.remotecache.mock.MemoryBudget#jsonBodyBytes()})
   * @param proxy the real server's answers, or {@code null} to answer as the mock
   */
  public RequestPipeline(
      ContractCheck check,
      OperationDispatcher handlers,
      BodySizeLimit limit,
      long jsonBodyBytes,
      AcceptedAnswers accepted,
      ProxyAnswers proxy,
      StubAnswers stubs,
      RequestRecorder recorder) {
    this.stubs = stubs;
    this.check = check;
    this.handlers = handlers;
    this.limit = limit;
    this.jsonBudget = new JsonBodyBudget(jsonBodyBytes, limit.maxBytes());
    this.accepted = accepted;
    this.proxy = proxy;
    this.recorder = recorder;
    this.crossOrigin = new CrossOrigin(check.contract());
  }

  /**
   * The spec's operations and their handlers, built once the spec is loaded (it may still be
   * loading while the server starts).
   *
   * @throws IllegalStateException naming each operation of the spec that has no handler
   */
  public Operations operations() {
    Operations built = operations;
    if (built == null) {
      synchronized (this) {
        built = operations;
        if (built == null) {
          built = Operations.of(check.contract(), handlers);
          operations = built;
        }
      }
    }
    return built;
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
        outcome.stub() == null ? null : outcome.stub().label(),
        answer.status(),
        start);
    Answer sent = crossOrigin.withHeaders(answer);
    stubs
        .serving()
        .served(
            request,
            outcome.requestBody() == null ? new byte[0] : outcome.requestBody(),
            sent,
            outcome.stub());
    return sent;
  }

  private Outcome decide(ApiRequest request) {
    // A method the validator has no name for: refused before any byte of its body is read.
    if (ValidatorRequest.methodOf(request.method()).isEmpty()) {
      return Outcome.rejected(
          check.admit(request, Optional.empty(), BodyAsRead.HEADERS_FIRST).verdict());
    }
    Optional<Violation> declaredTooLarge =
        limit.checkDeclared(request.header("Content-Length").orElse(null));
    if (declaredTooLarge.isPresent()) {
      return bodyTooLarge(declaredTooLarge.get());
    }
    Optional<Operation> operation = operations().find(request.method(), request.path());
    if (waitsForContinue(request) && (proxy == null || !proxy.forwardsInvalid())) {
      RequestVerdict onHeaders =
          check.admit(request, operation.map(Operation::spec), BodyAsRead.HEADERS_FIRST).verdict();
      if (!onHeaders.accepted()) {
        // Its body is never asked for nor read: the connection closes after the answer, so no
        // body the client might still send is taken for its next request.
        return new Outcome(
            onHeaders, RejectionAnswers.of(onHeaders).withHeader("Connection", "close"), null);
      }
    }
    boolean artifact = operation.map(Operation::takesArtifact).orElse(false);
    if (artifact && proxy == null) {
      return answer(request, operation, new byte[0], BodyAsRead.STREAMED);
    }
    if (!request.body().present() || artifact) { // no body, or an artifact for the proxy
      byte[] body;
      try {
        body = request.body().present() ? readWithinLimit(request, limit) : new byte[0];
      } catch (BodyTooLarge e) {
        return bodyTooLarge(e.violation());
      }
      return answer(request, operation, body, new BodyAsRead.Read(body));
    }
    // A body read whole (JSON): its bytes and its parsed tree take heap until it is answered, so it
    // takes its room in the JSON budget first, and gives it back once answered (MemoryBudget).
    try (JsonBodyBudget.Room room = jsonBudget.enter()) {
      Optional<Violation> noRoom = room.forBytes(request.header("Content-Length").orElse(null));
      if (noRoom.isPresent()) {
        return bodyTooLarge(noRoom.get());
      }
      byte[] body;
      try {
        body = readWithinLimit(request, jsonBudget.limit());
      } catch (BodyTooLarge e) {
        return bodyTooLarge(e.violation());
      }
      Optional<Violation> treeTooLarge = room.forTree(body);
      if (treeTooLarge.isPresent()) {
        return bodyTooLarge(treeTooLarge.get());
      }
      return answer(request, operation, body, new BodyAsRead.Read(body));
    }
  }

  /** The check of a request whose body is read (or left streaming), and its answer. */
  private Outcome answer(
      ApiRequest request, Optional<Operation> operation, byte[] body, BodyAsRead read) {
    return checkAndAnswer(request, operation, body, read).withRequestBody(body);
  }

  private Outcome checkAndAnswer(
      ApiRequest request, Optional<Operation> operation, byte[] body, BodyAsRead read) {
    boolean streamed = read instanceof BodyAsRead.Streamed;
    Admission admission = check.admit(request, operation.map(Operation::spec), read);
    RequestVerdict verdict = admission.verdict();
    ValidatorRequest view = admission.request();
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
    Operation served = operation.orElseThrow(); // accepted: the spec declares its operation
    // A stub the user registered answers before the mock's own operations.
    Optional<Outcome> stubbed = stubs.answer(request, served, view, body);
    if (stubbed.isPresent()) {
      if (streamed) {
        drainQuietly(request); // an upload a stub answered: read, never stored
      }
      return stubbed.get();
    }
    LimitedBody streamedBody = null;
    try {
      streamedBody = streamed ? new LimitedBody(request.body().open(), limit) : null;
      // The upload's declared length goes to its handler with the request's context.
      OperationContext context =
          new OperationContext(request.baseUrl(), streamed ? request.body().declaredLength() : -1);
      Outcome outcome = accepted.answer(served, view, streamedBody, context);
      // A forced or refused answer leaves the artifact unread: read it, or closing the connection
      // on unread bytes would reset it before the client reads the answer.
      drainQuietly(streamedBody);
      return outcome;
    } catch (IOException | UncheckedIOException e) {
      Throwable cause = e instanceof UncheckedIOException unchecked ? unchecked.getCause() : e;
      if (cause instanceof BodyTooLarge tooLarge) {
        return bodyTooLarge(tooLarge.violation());
      }
      // The client's fault: its body broke off, or its JSON cannot be bound to the spec's model.
      // Any other I/O failure is the mock's own (a store's): a 500, not the client's 400.
      boolean clients =
          cause instanceof BodyBroken
              || cause instanceof com.fasterxml.jackson.core.JsonProcessingException;
      if (e instanceof UncheckedIOException unchecked && !clients) {
        throw unchecked;
      }
      // Nothing was stored.
      Throwable why = cause instanceof BodyBroken broken ? broken.getCause() : cause;
      String message = "The request body could not be read to its end: " + why;
      ErrorCode code = ErrorCode.BAD_REQUEST;
      return new Outcome(verdict, Answer.error(code.status(), code.value(), message), message);
    } catch (StorageFailure e) {
      // The client may still be sending: read the rest (within the limit), or closing the
      // connection on unread bytes would reset it, and the client would never see why.
      drainQuietly(streamedBody);
      StorageFailureAnswers.log(request.method(), request.url(), e); // the one log line of it
      return new Outcome(verdict, StorageFailureAnswers.answer(e), e.getMessage());
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

  private static byte[] readWithinLimit(ApiRequest request, BodySizeLimit limit)
      throws BodyTooLarge {
    try (InputStream in = new LimitedBody(request.body().open(), limit)) {
      long declared = request.body().declaredLength();
      if (declared > 0 && declared <= Math.min(limit.maxBytes(), Integer.MAX_VALUE - 8)) {
        // Its declared size at once: readAllBytes would take a 16 KiB buffer for any body and copy.
        byte[] bytes = new byte[(int) declared];
        int read = in.readNBytes(bytes, 0, bytes.length);
        if (read < bytes.length) {
          return Arrays.copyOf(bytes, read); // it ended early: what came
        }
        int next = in.read();
        return next < 0 ? bytes : more(bytes, next, in.readAllBytes());
      }
      return in.readAllBytes();
    } catch (BodyTooLarge e) {
      throw e;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A body longer than it declared: all of it, as the server gives it. */
  private static byte[] more(byte[] declared, int next, byte[] rest) {
    byte[] all = Arrays.copyOf(declared, declared.length + 1 + rest.length);
    all[declared.length] = (byte) next;
    System.arraycopy(rest, 0, all, declared.length + 1, rest.length);
    return all;
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

  /**
   * A failure nobody foresaw (a bug): the answer says only that the mock failed and under which id
   * its log has the cause, since the failure's own text may name host paths or internals.
   */
  private Outcome failed(ApiRequest request, Throwable failure) {
    String id = "%08x".formatted(ThreadLocalRandom.current().nextInt());
    LOG.error(
        "the mock failed on {} {} (failure {})", request.method(), request.url(), id, failure);
    ErrorCode code = ErrorCode.INTERNAL_SERVER_ERROR;
    String message =
        "The mock failed to answer this request (a bug in the mock, not in the client);"
            + " its log has the cause under failure "
            + id;
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

  /**
   * The client's body could not be read (it went away, or sent less than it declared): told apart
   * from the store's own I/O failures, which are the mock's.
   */
  static final class BodyBroken extends IOException {
    private static final long serialVersionUID = 1L;

    BodyBroken(IOException cause) {
      super(cause.getMessage(), cause);
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
      int b;
      try {
        b = super.read();
      } catch (IOException e) {
        throw new BodyBroken(e);
      }
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n;
      try {
        n = super.read(buffer, offset, length);
      } catch (IOException e) {
        throw new BodyBroken(e);
      }
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
