package dev.remotecache.mock.verify;

import dev.remotecache.client.model.CacheEventType;
import dev.remotecache.client.model.CacheSource;
import dev.remotecache.mock.journal.EventFilter;
import dev.remotecache.mock.journal.MockJournal;
import dev.remotecache.mock.journal.RecordedEvent;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The accepted events, narrowed step by step, then checked: {@code
 * events().team("web").source(REMOTE).hasCount(2)}.
 */
public final class EventVerification {

  private final Supplier<MockJournal> journal;
  private final EventFilter filter;

  EventVerification(Supplier<MockJournal> journal, EventFilter filter) {
    this.journal = journal;
    this.filter = filter;
  }

  public EventVerification session(UUID sessionId) {
    return new EventVerification(journal, filter.session(sessionId));
  }

  public EventVerification team(String team) {
    return new EventVerification(journal, filter.team(team));
  }

  public EventVerification source(CacheSource source) {
    return new EventVerification(journal, filter.source(source));
  }

  public EventVerification type(CacheEventType type) {
    return new EventVerification(journal, filter.type(type));
  }

  public EventVerification hash(String hash) {
    return new EventVerification(journal, filter.hash(hash));
  }

  /** The selected events. */
  public List<RecordedEvent> list() {
    return journal.get().events(filter);
  }

  public int count() {
    return list().size();
  }

  /** Exactly {@code expected} events are selected. */
  public EventVerification hasCount(int expected) {
    if (expected < 0) {
      throw new IllegalArgumentException("a count is never negative: " + expected);
    }
    MockJournal received = journal.get();
    List<RecordedEvent> selected = received.events(filter);
    if (selected.size() != expected) {
      throw new AssertionError(
          "expected "
              + expected
              + " "
              + filter
              + ", got "
              + selected.size()
              + droppedNote(received)
              + received(received));
    }
    return this;
  }

  /** No event is selected. */
  public EventVerification none() {
    return hasCount(0);
  }

  /** Every selected event (at least one) is of this source and type. */
  public EventVerification allAre(CacheSource source, CacheEventType type) {
    MockJournal received = journal.get();
    List<RecordedEvent> selected = received.events(filter);
    String expected = "expected " + filter + " to be all " + source + " " + type;
    if (selected.isEmpty()) {
      throw new AssertionError(
          expected + ", but there are none" + droppedNote(received) + received(received));
    }
    List<RecordedEvent> others =
        selected.stream()
            .filter(e -> e.event().getSource() != source || e.event().getEvent() != type)
            .toList();
    if (!others.isEmpty()) {
      throw new AssertionError(
          expected
              + ", but "
              + others.size()
              + " are not:\n"
              + others.stream().map(EventVerification::describe).collect(Collectors.joining("\n")));
    }
    return this;
  }

  private static String droppedNote(MockJournal journal) {
    long dropped = journal.droppedEvents();
    return dropped == 0
        ? ""
        : " (the journal dropped "
            + dropped
            + " older events to stay within its limit of "
            + journal.limit()
            + "; raise journalLimit to count them)";
  }

  private static String received(MockJournal journal) {
    List<RecordedEvent> all = journal.recordedEvents();
    return all.isEmpty()
        ? "; no event was received at all"
        : "; received:\n"
            + all.stream().map(EventVerification::describe).collect(Collectors.joining("\n"));
  }

  private static String describe(RecordedEvent e) {
    return "  "
        + e.event().getSource()
        + " "
        + e.event().getEvent()
        + " "
        + e.event().getHash()
        + " session "
        + e.event().getSessionId()
        + (e.teamId() != null ? " teamId " + e.teamId() : "")
        + (e.slug() != null ? " slug " + e.slug() : "");
  }
}
