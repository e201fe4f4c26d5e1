package dev.remotecache.mock.internal.pipeline;

import dev.remotecache.mock.internal.contract.RequestVerdict;
import dev.remotecache.mock.internal.http.ApiRequest;
import dev.remotecache.mock.internal.tally.CoverageTally;
import dev.remotecache.mock.journal.AnswerClass;
import dev.remotecache.mock.journal.MockJournal;
import dev.remotecache.mock.journal.Rejection;
import dev.remotecache.mock.journal.RequestRecord;
import java.time.Clock;
import java.util.function.Consumer;

/**
 * The one writer of what became of a request: its rejection (with the violations) in the journal,
 * its entry in the request list (for verification and the live view), its count in the contract
 * coverage, and its line in the log.
 */
public final class RequestRecorder {

  /** The violations a request's log line and record name at most. */
  static final int PLACES_IN_A_LINE = 10;

  private final MockJournal journal;
  private final CoverageTally coverage;
  private final RequestLine format;
  private final Consumer<String> log;
  private final Clock clock;

  /**
   * @param log where the one-line-per-request log goes ({@code null}: nowhere, lines not even
   *     formatted)
   */
  public RequestRecorder(
      MockJournal journal,
      CoverageTally coverage,
      RequestLine format,
      Consumer<String> log,
      Clock clock) {
    this.journal = journal;
    this.coverage = coverage;
    this.format = format;
    this.log = log;
    this.clock = clock;
  }

  /**
   * Records one API request; called before its answer goes out, so that a client that has its
   * answer finds its request in the journal.
   *
   * @param note anything else the record should say ({@code null} for nothing)
   * @param answerClass what kind of answer it got ({@code null}: as the verdict and status say)
   * @param met the workbench overrides that shaped the answer
   * @param stub the stub that answered, by name and id, or {@code null}
   * @param startNanos when the mock received it ({@link System#nanoTime()})
   */
  void record(
      ApiRequest request,
      RequestVerdict verdict,
      String note,
      AnswerClass answerClass,
      OverridesMet met,
      String stub,
      int status,
      long startNanos) {
    String url = request.url();
    if (!verdict.accepted()) {
      journal.record(
          new Rejection(
              clock.instant(),
              request.method(),
              url,
              verdict.status(),
              verdict.violations(),
              verdict.violationCount()));
    }
    // A line for a person, kept with each request: the first few violations (the rejection in the
    // journal has the rest).
    String summary = verdict.accepted() ? null : verdict.places(PLACES_IN_A_LINE);
    if (note != null) {
      summary = summary == null ? note : summary + "; " + note;
    }
    int millis = (int) ((System.nanoTime() - startNanos) / 1_000_000);
    RequestRecord record =
        new RequestRecord(
            clock.instant(),
            request.method(),
            url,
            verdict.operation().map(op -> op.getOperation().getOperationId()).orElse(null),
            status,
            verdict.accepted(),
            verdict.violationCount(),
            summary,
            millis,
            !verdict.accepted()
                ? AnswerClass.REJECTED
                : answerClass != null ? answerClass : AnswerClass.ofStatus(status));
    journal.record(record);
    if (record.answerClass()
        != AnswerClass.PREFLIGHT) { // a preflight asks about a call; it is none
      coverage.count(
          new CoverageTally.Hit(
              record.operationId(),
              status,
              verdict.accepted(),
              verdict.violations(),
              met.preferCode(),
              met.forcedStatus(),
              met.fault() == null ? null : met.fault().name(),
              stub));
    }
    if (log != null) {
      log.accept(format.format(record));
    }
  }
}
