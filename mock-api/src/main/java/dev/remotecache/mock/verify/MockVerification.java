package dev.remotecache.mock.verify;

import dev.remotecache.mock.internal.text.ViolationText;
import dev.remotecache.mock.journal.EventFilter;
import dev.remotecache.mock.journal.MockJournal;
import dev.remotecache.mock.journal.Rejection;
import dev.remotecache.mock.journal.RequestRecord;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Assertions on what the mock received, that read like the contract:
 *
 * <pre>{@code
 * mock.verify().noRejections();
 * mock.verify().events().session(id).hasCount(3).allAre(CacheSource.REMOTE, CacheEventType.HIT);
 * mock.verify().requests("uploadArtifact").hasCount(2);
 * }</pre>
 *
 * A failed assertion throws {@link AssertionError} saying what was expected and what came.
 */
public final class MockVerification {

  /** Read afresh for every check (a copy, when the server runs in a JVM of its own). */
  private final Supplier<MockJournal> journal;

  public MockVerification(MockJournal journal) {
    this(() -> journal);
  }

  /** Checks on the journal {@code journal} gives at the time of each check. */
  public MockVerification(Supplier<MockJournal> journal) {
    this.journal = journal;
  }

  /** Every request met the contract; otherwise fails listing each rejection and its violations. */
  public MockVerification noRejections() {
    MockJournal received = journal.get();
    List<Rejection> rejections = received.rejections();
    if (!rejections.isEmpty() || received.droppedRejections() > 0) {
      throw new AssertionError(
          "expected no rejected request, but "
              + (rejections.size() + received.droppedRejections())
              + " were rejected:\n"
              + rejections.stream()
                  .map(MockVerification::describe)
                  .collect(Collectors.joining("\n")));
    }
    return this;
  }

  /** Behind a validating proxy: every answer of the real server met the contract. */
  public MockVerification noServerDeviations() {
    var deviations = journal.get().deviations();
    if (!deviations.isEmpty()) {
      throw new AssertionError(
          "expected the server to meet the contract, but "
              + deviations.size()
              + " answers did not:\n"
              + deviations.stream()
                  .map(
                      d ->
                          "  "
                              + d.method()
                              + " "
                              + d.url()
                              + " -> "
                              + d.status()
                              + ": "
                              + d.violations().stream()
                                  .map(v -> ViolationText.place(v) + " " + v.getMessage())
                                  .collect(Collectors.joining("; ")))
                  .collect(Collectors.joining("\n")));
    }
    return this;
  }

  /** The accepted events, to narrow and check. */
  public EventVerification events() {
    return new EventVerification(journal, EventFilter.all());
  }

  /** The answered requests of one operation of the spec (accepted or not). */
  public RequestVerification requests(String operationId) {
    if (operationId == null || operationId.isBlank()) {
      throw new IllegalArgumentException("name an operationId of the spec, such as uploadArtifact");
    }
    return new RequestVerification(
        operationId,
        journal.get().requests().stream()
            .filter(r -> operationId.equals(r.operationId()))
            .toList());
  }

  static String describe(Rejection r) {
    return "  "
        + r.method()
        + " "
        + r.url()
        + " -> "
        + r.status()
        + ": "
        + r.violations().stream()
            .map(v -> ViolationText.place(v) + " " + v.getMessage())
            .collect(Collectors.joining("; "));
  }

  /** Checks on the requests of one operation. */
  public static final class RequestVerification {
    private final String operationId;
    private final List<RequestRecord> requests;

    RequestVerification(String operationId, List<RequestRecord> requests) {
      this.operationId = operationId;
      this.requests = requests;
    }

    public RequestVerification hasCount(int expected) {
      if (expected < 0) {
        throw new IllegalArgumentException("a count is never negative: " + expected);
      }
      if (requests.size() != expected) {
        throw new AssertionError(
            "expected "
                + expected
                + " "
                + operationId
                + " requests, got "
                + requests.size()
                + ":\n"
                + requests.stream()
                    .map(r -> "  " + r.method() + " " + r.url() + " -> " + r.status())
                    .collect(Collectors.joining("\n")));
      }
      return this;
    }

    public List<RequestRecord> list() {
      return requests;
    }
  }
}
