package dev.remotecache.mock.journal;

import dev.remotecache.client.model.CacheUsageEvent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * What the mock received: the accepted event batches and the rejected requests, in arrival order.
 *
 * <p>Bounded, so that a mock left running for days stays small: beyond {@code limit} events (and,
 * separately, {@code limit} rejections, one naming many violations weighing as several) the oldest
 * go, and how many went is counted. Safe to read while requests are being served.
 */
public final class MockJournal {

  private final int limit;
  private final Deque<EventBatch> batches = new ArrayDeque<>();
  private final Deque<Rejection> rejections = new ArrayDeque<>();
  private final Deque<RequestRecord> requests = new ArrayDeque<>();
  private final Deque<ServerDeviation> deviations = new ArrayDeque<>();
  private long eventCount;
  private long rejectionWeight;
  private long droppedEvents;
  private long droppedRejections;
  private final Runnable alsoOnReset;

  public MockJournal(int limit) {
    this(limit, () -> {});
  }

  /**
   * @param alsoOnReset what else is forgotten with the journal (the contract coverage counted from
   *     the same requests)
   */
  public MockJournal(int limit, Runnable alsoOnReset) {
    if (limit < 1) {
      throw new IllegalArgumentException("journal limit must be at least 1, got " + limit);
    }
    this.limit = limit;
    this.alsoOnReset = alsoOnReset;
  }

  /**
   * A journal kept elsewhere, as read (the mock's server in a JVM of its own, over its admin API):
   * a copy; recording into it changes only the copy.
   */
  public static MockJournal copyOf(
      int limit,
      List<EventBatch> batches,
      List<Rejection> rejections,
      List<RequestRecord> requests,
      List<ServerDeviation> deviations,
      long droppedEvents,
      long droppedRejections) {
    MockJournal copy = new MockJournal(limit);
    synchronized (copy) {
      copy.batches.addAll(batches);
      batches.forEach(b -> copy.eventCount += b.events().size());
      copy.rejections.addAll(rejections);
      rejections.forEach(r -> copy.rejectionWeight += weight(r));
      copy.requests.addAll(requests);
      copy.deviations.addAll(deviations);
      copy.droppedEvents = droppedEvents;
      copy.droppedRejections = droppedRejections;
    }
    return copy;
  }

  public synchronized void record(EventBatch batch) {
    batches.addLast(batch);
    eventCount += batch.events().size();
    while (eventCount > limit && batches.size() > 1) {
      EventBatch oldest = batches.removeFirst();
      eventCount -= oldest.events().size();
      droppedEvents += oldest.events().size();
    }
  }

  public synchronized void record(Rejection rejection) {
    rejections.addLast(rejection);
    rejectionWeight += weight(rejection);
    while (rejectionWeight > limit && rejections.size() > 1) {
      rejectionWeight -= weight(rejections.removeFirst());
      droppedRejections++;
    }
  }

  /**
   * What a rejection costs of the limit: one, and one more per {@value #VIOLATIONS_PER_REJECTION}
   * violations it names past the first {@value #VIOLATIONS_PER_REJECTION}, as the heap per unit of
   * the limit is measured for a small rejection ({@code MemoryBudget.JOURNAL_BYTES_PER_EVENT}).
   */
  private static int weight(Rejection rejection) {
    return Math.max(
        1,
        (rejection.violations().size() + VIOLATIONS_PER_REJECTION - 1) / VIOLATIONS_PER_REJECTION);
  }

  /** The violations a rejection names within one unit of the limit. */
  public static final int VIOLATIONS_PER_REJECTION = 4;

  public synchronized void record(RequestRecord request) {
    requests.addLast(request);
    while (requests.size() > limit) {
      requests.removeFirst();
    }
  }

  public synchronized void record(ServerDeviation deviation) {
    deviations.addLast(deviation);
    while (deviations.size() > limit) {
      deviations.removeFirst();
    }
  }

  /** The real server's answers (behind a validating proxy) that broke the spec. */
  public synchronized List<ServerDeviation> deviations() {
    return List.copyOf(deviations);
  }

  /** Every answered request still kept (accepted or not), oldest first. */
  public synchronized List<RequestRecord> requests() {
    return List.copyOf(requests);
  }

  /** The answered requests after the first {@code skip} still kept, for views that poll. */
  public synchronized List<RequestRecord> requestsSince(int skip) {
    return requests.stream().skip(Math.max(0, skip)).toList();
  }

  /** Every accepted batch still kept. */
  public synchronized List<EventBatch> batches() {
    return List.copyOf(batches);
  }

  /** Every accepted event still kept, batches flattened, in arrival order. */
  public List<CacheUsageEvent> events() {
    List<CacheUsageEvent> events = new ArrayList<>();
    batches().forEach(batch -> events.addAll(batch.events()));
    return events;
  }

  /** Every accepted event still kept, with the request context it came in. */
  public List<RecordedEvent> recordedEvents() {
    List<RecordedEvent> events = new ArrayList<>();
    for (EventBatch b : batches()) {
      for (CacheUsageEvent e : b.events()) {
        events.add(
            new RecordedEvent(
                b.receivedAt(), b.teamId(), b.slug(), b.clientCi(), b.clientInteractive(), e));
      }
    }
    return events;
  }

  /** The kept events {@code filter} selects. */
  public List<RecordedEvent> events(EventFilter filter) {
    return recordedEvents().stream().filter(filter).toList();
  }

  /** Every rejected request still kept, with its violations. */
  public synchronized List<Rejection> rejections() {
    return List.copyOf(rejections);
  }

  /** How many events were dropped to stay within the limit. */
  public synchronized long droppedEvents() {
    return droppedEvents;
  }

  /** How many rejections were dropped to stay within the limit. */
  public synchronized long droppedRejections() {
    return droppedRejections;
  }

  public int limit() {
    return limit;
  }

  /** Forgets everything received so far, and the counts of what was dropped. */
  public synchronized void reset() {
    batches.clear();
    rejections.clear();
    requests.clear();
    deviations.clear();
    eventCount = 0;
    rejectionWeight = 0;
    droppedEvents = 0;
    droppedRejections = 0;
    alsoOnReset.run();
  }
}
