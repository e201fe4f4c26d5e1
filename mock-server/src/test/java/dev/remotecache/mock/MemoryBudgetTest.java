package dev.remotecache.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.remotecache.client.model.CacheEventType;
import dev.remotecache.client.model.CacheSource;
import dev.remotecache.client.model.CacheUsageEvent;
import dev.remotecache.mock.cli.MockServerCommand;
import dev.remotecache.mock.journal.EventBatch;
import dev.remotecache.mock.journal.MockJournal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The heap's shares: the store's half and the journal's default limit. */
class MemoryBudgetTest {

  private static final long MIB = 1024 * 1024;

  @Test
  void theDefaultHeapKeepsTheFullJournalAndASmallerOneFewerEvents() {
    assertEquals(100_000, new MemoryBudget(384 * MIB).journalLimit());
    assertEquals(100_000, new MemoryBudget(2048 * MIB).journalLimit(), "never more by default");
    int small = new MemoryBudget(128 * MIB).journalLimit();
    assertTrue(small > 10_000 && small < 50_000, "128 MiB: " + small);
    assertEquals(64 * MIB, new MemoryBudget(128 * MIB).storeBytes());
  }

  @Test
  void aChosenLimitWins() {
    MemoryBudget small = new MemoryBudget(128 * MIB);
    assertEquals(250_000, small.journalLimit(250_000));
    assertEquals(small.journalLimit(), small.journalLimit(MockSettings.JOURNAL_LIMIT_FROM_HEAP));
  }

  @Test
  void theJournalDropsTheOldestBeyondTheDerivedLimit() {
    int limit = new MemoryBudget(128 * MIB).journalLimit();
    MockJournal journal = new MockJournal(limit);
    for (int i = 0; i < limit + 5; i++) {
      CacheUsageEvent event =
          new CacheUsageEvent()
              .sessionId(UUID.randomUUID())
              .source(CacheSource.REMOTE)
              .event(CacheEventType.HIT)
              .hash("hash" + i);
      journal.record(
          new EventBatch(Instant.EPOCH, null, null, null, null, List.of(event), Map.of()));
    }
    assertEquals(limit, journal.events().size());
    assertEquals(5, journal.droppedEvents());
    assertEquals("hash5", journal.events().get(0).getHash());
  }

  @Test
  void anInProcessMockTakesItsJournalLimitFromThisHeapUnlessOneIsChosen() {
    try (RemoteCacheMock mock =
        RemoteCacheMock.builder().port(0).outOfProcess(false).build().start()) {
      assertEquals(MemoryBudget.ofThisJvm().journalLimit(), mock.journal().limit());
    }
    try (RemoteCacheMock mock =
        RemoteCacheMock.builder().port(0).outOfProcess(false).journalLimit(7).build().start()) {
      assertEquals(7, mock.journal().limit());
    }
  }

  @Test
  void aServerInAJvmOfItsOwnDerivesTheLimitFromItsOwnHeap() {
    // That JVM gets the launcher's 384 MiB, whatever this one has.
    try (RemoteCacheMock mock =
        RemoteCacheMock.builder().port(0).outOfProcess(true).build().start()) {
      assertEquals(MockSettings.DEFAULT_JOURNAL_LIMIT, mock.journal().limit());
    }
  }

  @Test
  void theHelpStatesTheLimitAtTheDefaultHeap() {
    String description =
        String.join(
            " ",
            MockServerCommand.commandLine()
                .getCommandSpec()
                .findOption("--journal-limit")
                .description());
    assertTrue(
        description.contains(
            new MemoryBudget(384 * MIB).journalLimit() + " at the default 384 MiB"),
        description);
  }
}
