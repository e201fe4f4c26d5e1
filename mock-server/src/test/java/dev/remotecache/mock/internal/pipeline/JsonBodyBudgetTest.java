package dev.remotecache.mock.internal.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.remotecache.client.model.Violation;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * JSON bodies share their room in the heap: taken before reading, fitted to the tree, given back.
 */
class JsonBodyBudgetTest {

  private static final int BUDGET = 700 * 1024; // a JSON limit of 100 KiB at 7 bytes per byte

  @Test
  void aBodyOverTheJsonLimitIsRefusedFromItsLength() {
    JsonBodyBudget budget = new JsonBodyBudget(BUDGET, 100L * 1024 * 1024);
    assertEquals(100 * 1024, budget.limit().maxBytes(), "the limit follows the budget");
    try (JsonBodyBudget.Room room = budget.enter()) {
      Violation refused = room.forBytes(Integer.toString(200 * 1024)).orElseThrow();
      assertEquals("bodySize", refused.getRule());
      assertEquals(100 * 1024L, ((Number) refused.getExpected()).longValue());
      assertTrue(refused.getMessage().contains("java -Xmx"), refused.getMessage());
    }
  }

  @Test
  void theBodyLimitWinsWhenItIsLower() {
    assertEquals(1000, new JsonBodyBudget(BUDGET, 1000).limit().maxBytes());
  }

  @Test
  void anOrdinaryBodyFitsItsRoomAndGivesItBack() {
    JsonBodyBudget budget = new JsonBodyBudget(BUDGET, Long.MAX_VALUE);
    byte[] events =
        batch(
            "{\"sessionId\":\"56699e9f-0892-44d5-b956-3f2ddfd4512e\",\"source\":\"REMOTE\","
                + "\"event\":\"HIT\",\"hash\":\"6304b9faf99a2e19\",\"duration\":178}",
            60 * 1024);
    for (int i = 0; i < 3; i++) { // all of the room comes back each time (two would not fit)
      try (JsonBodyBudget.Room room = budget.enter()) {
        assertEquals(Optional.empty(), room.forBytes(Integer.toString(events.length)));
        assertEquals(Optional.empty(), room.forTree(events));
      }
    }
  }

  @Test
  void aTreeLargerThanItsRoomTakesMoreOnlyIfFreeNeverWaiting() {
    JsonBodyBudget budget = new JsonBodyBudget(BUDGET, Long.MAX_VALUE);
    byte[] emptyObjects = batch("{}", 12 * 1024); // a tree of ~400 KiB, room for 84 KiB
    try (JsonBodyBudget.Room first = budget.enter()) {
      assertEquals(Optional.empty(), first.forBytes(Integer.toString(emptyObjects.length)));
      assertEquals(Optional.empty(), first.forTree(emptyObjects), "there is room to spare");
      try (JsonBodyBudget.Room second = budget.enter()) {
        assertEquals(Optional.empty(), second.forBytes(Integer.toString(emptyObjects.length)));
        Violation refused = second.forTree(emptyObjects).orElseThrow();
        assertTrue(refused.getMessage().contains("send it again"), refused.getMessage());
      }
    }
  }

  @Test
  void aTreeLargerThanTheWholeBudgetIsRefused() {
    JsonBodyBudget budget = new JsonBodyBudget(BUDGET, Long.MAX_VALUE);
    byte[] emptyObjects = batch("{}", 90 * 1024); // ~2.9 MiB of tree
    try (JsonBodyBudget.Room room = budget.enter()) {
      assertEquals(Optional.empty(), room.forBytes(Integer.toString(emptyObjects.length)));
      Violation refused = room.forTree(emptyObjects).orElseThrow();
      assertTrue(
          refused.getMessage().contains("more than the mock checks at once"), refused.getMessage());
      assertTrue(((Number) refused.getActual()).longValue() > BUDGET);
    }
  }

  @Test
  void aSmallBodyIsCountedWhenTheRoomForItsCostliestTreeIsNotFree() {
    JsonBodyBudget budget = new JsonBodyBudget(12 * 1024, Long.MAX_VALUE);
    byte[] event =
        ("[{\"sessionId\":\"56699e9f-0892-44d5-b956-3f2ddfd4512e\",\"source\":\"LOCAL\","
                + "\"event\":\"HIT\",\"hash\":\"6304b9faf99a2e19\",\"duration\":0}]")
            .getBytes(StandardCharsets.UTF_8);
    try (JsonBodyBudget.Room first = budget.enter();
        JsonBodyBudget.Room second = budget.enter()) {
      // The first takes 49 times its size (8 KiB); the second finds no such room free, so its
      // tokens are counted, and it fits the room it took before it was read.
      assertEquals(Optional.empty(), first.forBytes(Integer.toString(event.length)));
      assertEquals(Optional.empty(), first.forTree(event));
      assertEquals(Optional.empty(), second.forBytes(Integer.toString(event.length)));
      assertEquals(Optional.empty(), second.forTree(event));
    }
  }

  private static byte[] batch(String item, int size) {
    StringBuilder batch = new StringBuilder("[");
    while (batch.length() + item.length() + 2 < size) {
      batch.append(batch.length() == 1 ? "" : ",").append(item);
    }
    return batch.append(']').toString().getBytes(StandardCharsets.UTF_8);
  }
}
