package dev.remotecache.mock.store;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The default store: artifacts live in memory as long as the mock runs, up to a byte budget. Past
 * it, the least recently used artifacts are evicted, as a real remote cache evicts: a later download
 * of one is a miss (404), which every client handles, where running out of heap would break the mock.
 * {@code --storage DIR} keeps everything instead.
 */
public final class InMemoryArtifactStore implements ArtifactStore {

    /** Half of the JVM's heap: the rest is the journal's, and the requests' in flight. */
    public static long defaultBudget() {
        return Runtime.getRuntime().maxMemory() / 2;
    }

    private record Key(String team, String hash) { }

    private final long budgetBytes;
    /** In access order: the eldest entry is the least recently stored or downloaded. */
    private final LinkedHashMap<Key, StoredArtifact> artifacts = new LinkedHashMap<>(16, 0.75f, true);
    private long storedBytes;
    private long evictions;

    public InMemoryArtifactStore() {
        this(defaultBudget());
    }

    /** @param budgetBytes the most artifact bytes kept; the newest artifact is kept even when alone it is bigger */
    public InMemoryArtifactStore(long budgetBytes) {
        if (budgetBytes < 1) {
            throw new IllegalArgumentException("the store's budget must be at least 1 byte, got " + budgetBytes);
        }
        this.budgetBytes = budgetBytes;
    }

    @Override
    public synchronized void put(String team, String hash, byte[] bytes, ArtifactMetadata metadata) {
        ArtifactStore.checkedHash(hash);
        Key key = new Key(team, hash);
        StoredArtifact replaced = artifacts.put(key, new StoredArtifact(team, hash, metadata, bytes.clone()));
        storedBytes += bytes.length - (replaced == null ? 0 : replaced.bytes().length);
        for (Iterator<Map.Entry<Key, StoredArtifact>> eldest = artifacts.entrySet().iterator();
             storedBytes > budgetBytes && artifacts.size() > 1; ) {
            StoredArtifact evicted = eldest.next().getValue();
            eldest.remove();
            storedBytes -= evicted.bytes().length;
            evictions++;
        }
    }

    @Override
    public synchronized Optional<StoredArtifact> get(String team, String hash) {
        return Optional.ofNullable(artifacts.get(new Key(team, hash)));
    }

    @Override
    public synchronized Optional<ArtifactMetadata> metadata(String team, String hash) {
        return get(team, hash).map(StoredArtifact::metadata);
    }

    @Override
    public synchronized int deleteAll(String team) {
        int removed = 0;
        for (Iterator<StoredArtifact> it = artifacts.values().iterator(); it.hasNext(); ) {
            StoredArtifact artifact = it.next();
            if (artifact.team().equals(team)) {
                storedBytes -= artifact.bytes().length;
                it.remove();
                removed++;
            }
        }
        return removed;
    }

    @Override
    public synchronized List<StoredArtifact> list() {
        List<StoredArtifact> all = new ArrayList<>();
        artifacts.values().forEach(a -> all.add(a.withoutBytes()));
        return all;
    }

    @Override
    public synchronized void clear() {
        artifacts.clear();
        storedBytes = 0;
    }

    /** How many artifacts were evicted to stay within the budget since the mock started. */
    public synchronized long evictions() {
        return evictions;
    }

    public long budgetBytes() {
        return budgetBytes;
    }
}
