package dev.remotecache.mock.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The default store: artifacts live as long as the mock runs. */
public final class InMemoryArtifactStore implements ArtifactStore {

    private final Map<String, Map<String, StoredArtifact>> teams = new ConcurrentHashMap<>();

    @Override
    public void put(String team, String hash, byte[] bytes, ArtifactMetadata metadata) {
        ArtifactStore.checkedHash(hash);
        teams.computeIfAbsent(team, t -> new ConcurrentHashMap<>())
                .put(hash, new StoredArtifact(team, hash, metadata, bytes.clone()));
    }

    @Override
    public Optional<StoredArtifact> get(String team, String hash) {
        return Optional.ofNullable(teams.getOrDefault(team, Map.of()).get(hash));
    }

    @Override
    public Optional<ArtifactMetadata> metadata(String team, String hash) {
        return get(team, hash).map(StoredArtifact::metadata);
    }

    @Override
    public int deleteAll(String team) {
        Map<String, StoredArtifact> removed = teams.remove(team);
        return removed == null ? 0 : removed.size();
    }

    @Override
    public List<StoredArtifact> list() {
        List<StoredArtifact> all = new ArrayList<>();
        teams.values().forEach(team -> team.values().forEach(a -> all.add(a.withoutBytes())));
        return all;
    }

    @Override
    public void clear() {
        teams.clear();
    }
}
