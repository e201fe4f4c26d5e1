package dev.remotecache.mock.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class InMemoryArtifactStoreTest {

  private static ArtifactMetadata metadata(int size) {
    return new ArtifactMetadata(size, null, null, null, null, null, Instant.EPOCH);
  }

  private static void put(InMemoryArtifactStore store, String team, String hash, int size) {
    store.put(team, hash, new java.io.ByteArrayInputStream(new byte[size]), size, metadata(-1));
  }

  @Test
  void evictsTheLeastRecentlyUsedArtifactsBeyondItsBudget() {
    InMemoryArtifactStore store = new InMemoryArtifactStore(300);
    put(store, "t", "a", 100);
    put(store, "t", "b", 100);
    put(store, "u", "c", 100);
    assertTrue(store.metadata("t", "a").isPresent(), "a download makes a the most recently used");

    put(store, "t", "d", 100);

    assertFalse(store.metadata("t", "b").isPresent(), "b was the least recently used");
    assertTrue(store.metadata("t", "a").isPresent());
    assertTrue(store.metadata("u", "c").isPresent());
    assertTrue(store.metadata("t", "d").isPresent());
    assertEquals(1, store.evictions());
  }

  @Test
  void replacingAnArtifactCountsOnlyItsNewSize() {
    InMemoryArtifactStore store = new InMemoryArtifactStore(300);
    for (int i = 0; i < 10; i++) {
      put(store, "t", "same", 200);
    }
    put(store, "t", "other", 100);
    assertEquals(2, store.list().size());
    assertEquals(0, store.evictions());
  }

  @Test
  void refusesAnArtifactLargerThanTheWholeBudgetAndKeepsWhatItHad() {
    InMemoryArtifactStore store = new InMemoryArtifactStore(300);
    put(store, "t", "small", 100);
    StorageFailure refused =
        assertThrows(StorageFailure.class, () -> put(store, "t", "huge", 1000));
    assertTrue(refused.getMessage().contains("--storage"), refused.getMessage());
    assertFalse(store.metadata("t", "huge").isPresent());
    assertTrue(store.metadata("t", "small").isPresent());
  }

  @Test
  void anUploadThatFailsMidwayKeepsNothingAndFreesItsReservation() {
    InMemoryArtifactStore store = new InMemoryArtifactStore(300);
    assertThrows(
        java.io.UncheckedIOException.class,
        () ->
            store.put(
                "t",
                "first",
                new java.io.InputStream() {
                  @Override
                  public int read() throws java.io.IOException {
                    throw new java.io.IOException("the client went away");
                  }
                },
                200,
                metadata(-1)));
    assertFalse(store.metadata("t", "first").isPresent(), "a failed upload keeps nothing");
    put(store, "t", "second", 300); // its reservation was freed: the whole budget is there
    assertTrue(store.metadata("t", "second").isPresent());
  }

  @Test
  void chunkedUploadsWithoutADeclaredLengthAreCountedAsTheyArrive() throws Exception {
    InMemoryArtifactStore store = new InMemoryArtifactStore(3 * InMemoryArtifactStore.CHUNK);
    byte[] bytes = new byte[2 * InMemoryArtifactStore.CHUNK + 7];
    new java.util.Random(1).nextBytes(bytes);
    ArtifactMetadata stored =
        store.put("t", "a", new java.io.ByteArrayInputStream(bytes), -1, metadata(-1));
    assertEquals(bytes.length, stored.size());
    try (var in = store.open("t", "a").orElseThrow().bytes()) {
      assertEquals(bytes.length, in.length());
      org.junit.jupiter.api.Assertions.assertArrayEquals(bytes, in.readAllBytes());
    }
  }

  @Test
  void deletingATeamFreesItsBudget() {
    InMemoryArtifactStore store = new InMemoryArtifactStore(300);
    put(store, "t", "a", 150);
    put(store, "u", "b", 150);
    assertEquals(1, store.deleteAll("t"));
    put(store, "u", "c", 150);
    assertTrue(
        store.metadata("u", "b").isPresent(), "room was freed by the delete, nothing evicted");
    assertEquals(0, store.evictions());
  }

  @Test
  void refusesAnUnusableBudget() {
    assertThrows(IllegalArgumentException.class, () -> new InMemoryArtifactStore(0));
  }
}
