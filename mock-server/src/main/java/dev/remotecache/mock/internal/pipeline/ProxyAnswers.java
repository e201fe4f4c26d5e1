package dev.remotecache.mock.internal.pipeline;

import dev.remotecache.client.model.Violation;
import dev.remotecache.mock.internal.contract.ErrorCode;
import dev.remotecache.mock.internal.contract.RequestVerdict;
import dev.remotecache.mock.internal.contract.ValidatorRequest;
import dev.remotecache.mock.internal.http.Answer;
import dev.remotecache.mock.internal.proxy.ValidatingProxy;
import dev.remotecache.mock.internal.record.ExchangeRecorder;
import dev.remotecache.mock.internal.text.ViolationText;
import dev.remotecache.mock.journal.MockJournal;
import dev.remotecache.mock.journal.ServerDeviation;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Validating-proxy mode: answers with what the real server behind {@code --proxy} says, and
 * journals where its answer breaks the spec. An unreachable server is a 502 in the API's error
 * shape.
 */
public final class ProxyAnswers {

  /** The answer, and a note for the record (or {@code null}). */
  record Proxied(Answer answer, String note) {}

  private final ValidatingProxy proxy;
  private final boolean forwardInvalid;
  private final MockJournal journal;
  private final Clock clock;
  private final ExchangeRecorder recorder;

  /**
   * @param forwardInvalid whether a request that breaks the contract is forwarded too (and still
   *     journaled)
   * @param recorder where every exchange is recorded ({@code --record}), or {@code null}
   */
  public ProxyAnswers(
      ValidatingProxy proxy,
      boolean forwardInvalid,
      MockJournal journal,
      Clock clock,
      ExchangeRecorder recorder) {
    this.proxy = proxy;
    this.forwardInvalid = forwardInvalid;
    this.journal = journal;
    this.clock = clock;
    this.recorder = recorder;
  }

  boolean forwardsInvalid() {
    return forwardInvalid;
  }

  Proxied forward(ValidatorRequest request, RequestVerdict verdict, byte[] body) {
    String prefix = verdict.accepted() ? "" : "forwarded anyway; ";
    String url = request.request().url();
    try {
      ValidatingProxy.Forwarded forwarded = proxy.forward(request, url, body);
      if (recorder != null) {
        recorder.record(request, verdict, body, forwarded);
      }
      List<Violation> violations = forwarded.violations();
      if (violations.isEmpty()) {
        return new Proxied(forwarded.answer(), verdict.accepted() ? null : "forwarded anyway");
      }
      int status = forwarded.answer().status();
      journal.record(
          new ServerDeviation(
              clock.instant(),
              request.getMethod().name(),
              url,
              status,
              violations,
              forwarded.violationCount()));
      int more = forwarded.violationCount() - violations.size();
      String note =
          "the server's "
              + status
              + " breaks the contract: "
              + violations.stream()
                  .map(ViolationText::placeAndRule)
                  .collect(Collectors.joining("; "))
              + (more > 0 ? "; and " + more + " more" : "");
      return new Proxied(forwarded.answer(), prefix + note);
    } catch (IOException e) {
      return unreachable(prefix, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return unreachable(prefix, "interrupted");
    }
  }

  private Proxied unreachable(String prefix, String why) {
    ErrorCode code = ErrorCode.BAD_GATEWAY;
    String message = "the server behind --proxy (" + proxy.target() + ") did not answer: " + why;
    return new Proxied(Answer.error(code.status(), code.value(), message), prefix + message);
  }
}
