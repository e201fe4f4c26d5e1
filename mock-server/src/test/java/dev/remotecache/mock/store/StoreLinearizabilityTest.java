package dev.remotecache.mock.store;

import dev.remotecache.mock.internal.http.MockJson;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Both stores are linearizable: Lincheck runs random concurrent scenarios of uploads, downloads,
 * metadata reads, deletes and listings on three artifacts (one in a team whose id is longer than a
 * file name) and checks that each outcome is one that some sequential order of the same operations,
 * respecting real time, gives on {@link Model}, the API's state as a map from team and hash to the
 * upload stored there.
 *
 * <p>An upload's bytes, size, tag and duration all follow from one seed, so a download that mixes
 * two uploads (bytes of one, length or tag of another) answers {@code torn: ...}, which the model
 * never does; nor does it ever throw. Stress mode, not model checking: the stores' critical steps
 * are file-system calls (open, rename, unlink), which Lincheck's model checker cannot interleave.
 * Lincheck attaches its agent to the JVM, so failsafe runs this class in a JVM of its own (at
 * verify).
 */
@Tag("system")
class StoreLinearizabilityTest {

  private static final String LONG_TEAM = "team-".repeat(60); // hex-encoded: 600 characters
  private static final List<String> TEAMS = List.of("team_a", LONG_TEAM);
  private static final List<Key> ARTIFACTS =
      List.of(new Key("team_a", "h1"), new Key("team_a", "h2"), new Key(LONG_TEAM, "h1"));
  private static final String MISS = "miss";

  private static final Path ROOT = temporaryRoot();
  private static final AtomicInteger STORES = new AtomicInteger();

  private record Key(String team, String hash) {
    @Override
    public String toString() {
      return (team.length() > 10 ? "long" : team) + "/" + hash;
    }
  }

  /**
   * Scenarios of three threads of four operations each, on fresh stores. A failing scenario is
   * reported as found: minimising it re-runs it many times over, too long for a unit test.
   */
  static StressOptions options() {
    return new StressOptions()
        .threads(3)
        .actorsPerThread(4)
        .iterations(8)
        .invocationsPerIteration(40)
        .minimizeFailedScenario(false)
        .sequentialSpecification(Model.class);
  }

  @Nested
  class DirectoryStore {
    @Test
    void isLinearizable() {
      options().check(OnDisk.class);
    }
  }

  @Nested
  class InMemoryStore {
    @Test
    void isLinearizable() {
      options().check(InMemory.class);
    }
  }

  /** A fresh directory store for each scenario Lincheck runs. */
  public static final class OnDisk extends Operations {
    public OnDisk() {
      super(
          new DirectoryArtifactStore(
              ROOT.resolve("s" + STORES.incrementAndGet()), MockJson.mapper()));
    }
  }

  /** A fresh in-memory store for each scenario, with room for everything it is sent. */
  public static final class InMemory extends Operations {
    public InMemory() {
      super(new InMemoryArtifactStore(64L << 20));
    }
  }

  /** The operations, as the model answers them. */
  @Param(name = "artifact", gen = IntGen.class, conf = "0:2")
  @Param(name = "team", gen = IntGen.class, conf = "0:1")
  @Param(name = "seed", gen = IntGen.class, conf = "1:60")
  public abstract static class Operations {
    private final ArtifactStore store;

    Operations(ArtifactStore store) {
      this.store = store;
    }

    @Operation
    public String put(@Param(name = "artifact") int artifact, @Param(name = "seed") int seed) {
      Key key = ARTIFACTS.get(artifact);
      ArtifactMetadata stored =
          store.put(
              key.team(),
              key.hash(),
              new ByteArrayInputStream(bytesOf(seed)),
              sizeOf(seed),
              metadataOf(seed));
      return stored.size() == sizeOf(seed) ? "ok" : "torn: stored size " + stored.size();
    }

    @Operation
    public String download(@Param(name = "artifact") int artifact) throws IOException {
      Key key = ARTIFACTS.get(artifact);
      Optional<ArtifactStore.Content> content = store.open(key.team(), key.hash());
      if (content.isEmpty()) {
        return MISS;
      }
      try (InputStream in = content.get().bytes()) {
        byte[] bytes = in.readAllBytes();
        return versionOf(content.get().metadata(), content.get().bytes().length(), bytes);
      }
    }

    @Operation
    public String metadata(@Param(name = "artifact") int artifact) {
      Key key = ARTIFACTS.get(artifact);
      return store
          .metadata(key.team(), key.hash())
          .map(m -> versionOf(m, m.size(), null))
          .orElse(MISS);
    }

    @Operation
    public int deleteAll(@Param(name = "team") int team) {
      return store.deleteAll(TEAMS.get(team));
    }

    @Operation
    public String list() {
      Set<String> all = new TreeSet<>();
      for (StoredArtifact a : store.list()) {
        all.add(new Key(a.team(), a.hash()) + "=" + versionOf(a.metadata(), -1, null));
      }
      return all.toString();
    }
  }

  /** The API's state, one operation at a time: the seed of the upload stored under each key. */
  public static final class Model {
    private final Map<Key, Integer> stored = new HashMap<>();

    public String put(int artifact, int seed) {
      stored.put(ARTIFACTS.get(artifact), seed);
      return "ok";
    }

    public String download(int artifact) {
      return metadata(artifact);
    }

    public String metadata(int artifact) {
      Integer seed = stored.get(ARTIFACTS.get(artifact));
      return seed == null ? MISS : "v" + seed;
    }

    public int deleteAll(int team) {
      int before = stored.size();
      stored.keySet().removeIf(k -> k.team().equals(TEAMS.get(team)));
      return before - stored.size();
    }

    public String list() {
      Set<String> all = new TreeSet<>();
      stored.forEach((key, seed) -> all.add(key + "=v" + seed));
      return all.toString();
    }
  }

  private static int sizeOf(int seed) {
    return 8 + (seed * 7919 % 48) * 1024;
  }

  /** The seed in the first 4 bytes, then a pattern of the seed. */
  private static byte[] bytesOf(int seed) {
    byte[] bytes = new byte[sizeOf(seed)];
    ByteBuffer.wrap(bytes).putInt(seed);
    for (int i = 4; i < bytes.length; i++) {
      bytes[i] = (byte) (seed * 31 + i);
    }
    return bytes;
  }

  private static ArtifactMetadata metadataOf(int seed) {
    return new ArtifactMetadata(
        -1, BigDecimal.valueOf(seed), "v" + seed, null, null, null, Instant.EPOCH);
  }

  /**
   * {@code v<seed>} when the metadata (and the bytes, when read) all say the same upload, else what
   * was mixed.
   */
  private static String versionOf(ArtifactMetadata metadata, long length, byte[] bytes) {
    int seed = Integer.parseInt(metadata.tag().substring(1));
    boolean whole =
        metadata.durationMs().intValueExact() == seed
            && metadata.size() == sizeOf(seed)
            && (length < 0 || length == sizeOf(seed));
    if (bytes != null) {
      int bytesSeed = bytes.length >= 4 ? ByteBuffer.wrap(bytes).getInt() : -1;
      if (!whole || bytesSeed != seed || !Arrays.equals(bytes, bytesOf(seed))) {
        return "torn: tag v"
            + seed
            + ", bytes of v"
            + bytesSeed
            + ", length "
            + length
            + ", read "
            + bytes.length;
      }
    }
    return whole ? "v" + seed : "torn: metadata " + metadata;
  }

  private static Path temporaryRoot() {
    try {
      return Files.createTempDirectory("store-lincheck");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @AfterAll
  static void removeTheStores() throws IOException {
    try (Stream<Path> all = Files.walk(ROOT)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
