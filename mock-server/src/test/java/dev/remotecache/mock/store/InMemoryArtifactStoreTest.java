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
        store.put(team, hash, new byte[size], metadata(size));
    }

    @Test
    void evictsTheLeastRecentlyUsedArtifactsBeyondItsBudget() {
        InMemoryArtifactStore store = new InMemoryArtifactStore(300);
        put(store, "t", "a", 100);
        put(store, "t", "b", 100);
        put(store, "u", "c", 100);
        assertTrue(store.get("t", "a").isPresent(), "a download makes a the most recently used");

        put(store, "t", "d", 100);

        assertFalse(store.get("t", "b").isPresent(), "b was the least recently used");
        assertTrue(store.get("t", "a").isPresent());
        assertTrue(store.get("u", "c").isPresent());
        assertTrue(store.get("t", "d").isPresent());
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
    void keepsTheNewestArtifactEvenWhenItAloneIsOverTheBudget() {
        InMemoryArtifactStore store = new InMemoryArtifactStore(300);
        put(store, "t", "small", 100);
        put(store, "t", "huge", 1000);
        assertTrue(store.get("t", "huge").isPresent());
        assertFalse(store.get("t", "small").isPresent());
    }

    @Test
    void deletingATeamFreesItsBudget() {
        InMemoryArtifactStore store = new InMemoryArtifactStore(300);
        put(store, "t", "a", 150);
        put(store, "u", "b", 150);
        assertEquals(1, store.deleteAll("t"));
        put(store, "u", "c", 150);
        assertTrue(store.get("u", "b").isPresent(), "room was freed by the delete, nothing evicted");
        assertEquals(0, store.evictions());
    }

    @Test
    void refusesAnUnusableBudget() {
        assertThrows(IllegalArgumentException.class, () -> new InMemoryArtifactStore(0));
    }
}
