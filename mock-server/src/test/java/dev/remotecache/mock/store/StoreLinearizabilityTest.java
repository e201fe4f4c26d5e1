package dev.remotecache.mock.store;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.remotecache.mock.internal.http.MockJson;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Both stores are linearizable: every concurrent history of uploads, downloads, metadata reads,
 * deletes and listings on a few hashes can be explained by the operations taking effect one at a
 * time, in an order that respects real time, on a sequential model of the API's state (a map from
 * team and hash to the upload stored there).
 *
 * <p>Each round runs {@value #THREADS} threads on a fresh store, each doing {@value
 * #OPS_PER_THREAD} random operations on {@value #KEYS} artifacts (one of them in a team whose id is
 * longer than a file name), records when each was invoked and when it returned, and checks the
 * history with Wing and Gong's search (with Lowe's memo of visited states). An upload's bytes,
 * size, tag and duration are all derived from one seed, so a download that mixes two uploads (bytes
 * of one, length or tag of another) matches no state of the model, nor does an exception.
 *
 * <p>Why this and not Lincheck: the stores' critical steps are file-system calls (open, rename,
 * unlink), which Lincheck's model checker cannot interleave (it controls only JVM code), so only
 * its stress mode would apply, which is what this test does; Lincheck 3 on JDK 24 and newer needs
 * its agent set up by hand (VerifyError reported in JetBrains/lincheck#745), and it would bring
 * Kotlin's runtime into the module's tests for this one class. The checker here is small and
 * searches the same thing.
 */
class StoreLinearizabilityTest {

  private static final int THREADS = 3;
  private static final int OPS_PER_THREAD = 6;
  private static final int ROUNDS = 150;
  private static final String LONG_TEAM = "team-".repeat(60); // hex-encoded: 600 characters
  private static final List<String> TEAMS = List.of("team_a", LONG_TEAM);
  private static final List<Key> ARTIFACTS =
      List.of(new Key("team_a", "h1"), new Key("team_a", "h2"), new Key(LONG_TEAM, "h1"));
  private static final int KEYS = 3;

  @Test
  void theDirectoryStoreIsLinearizable(@TempDir Path storage) throws Exception {
    AtomicInteger round = new AtomicInteger();
    check(
        () -> {
          try {
            Path dir = Files.createDirectories(storage.resolve("r" + round.incrementAndGet()));
            return new DirectoryArtifactStore(dir, MockJson.mapper());
          } catch (IOException e) {
            throw new IllegalStateException(e);
          }
        });
  }

  @Test
  void theInMemoryStoreIsLinearizable() throws Exception {
    check(() -> new InMemoryArtifactStore(64L << 20));
  }

  private record Key(String team, String hash) {
    @Override
    public String toString() {
      return (team.length() > 10 ? "long" : team) + "/" + hash;
    }
  }

  /** One operation as the model sees it. */
  private sealed interface Op {}

  private record Put(Key key, int seed) implements Op {}

  private record Get(Key key) implements Op {}

  private record Head(Key key) implements Op {}

  private record DeleteAll(String team) implements Op {
    @Override
    public String toString() {
      return "DeleteAll[" + (team.length() > 10 ? "long" : team) + "]";
    }
  }

  private record ListAll() implements Op {}

  /** An operation run: what was asked, what came back, when. */
  private record Call(int thread, Op op, String result, long invoked, long returned) {}

  private static final String MISS = "miss";

  private void check(Supplier<ArtifactStore> stores) throws Exception {
    Random random = new Random(20_19);
    AtomicInteger seeds = new AtomicInteger();
    List<String> failures = new ArrayList<>();
    Map<String, Integer> anomalies = new TreeMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      for (int r = 0; r < ROUNDS; r++) {
        ArtifactStore store = stores.get();
        List<List<Op>> plans = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
          List<Op> plan = new ArrayList<>();
          for (int i = 0; i < OPS_PER_THREAD; i++) {
            plan.add(randomOp(random, seeds));
          }
          plans.add(plan);
        }
        CyclicBarrier start = new CyclicBarrier(THREADS);
        List<Future<List<Call>>> runs = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
          int thread = t;
          runs.add(pool.submit(() -> run(store, thread, plans.get(thread), start)));
        }
        List<Call> history = new ArrayList<>();
        for (Future<List<Call>> run : runs) {
          history.addAll(run.get());
        }
        history.stream()
            .map(Call::result)
            .filter(res -> res.startsWith("torn") || res.startsWith("error"))
            .map(res -> res.replaceAll("[0-9]+", "N").replaceAll("(.{0,70}).*", "$1"))
            .forEach(res -> anomalies.merge(res, 1, Integer::sum));
        if (!linearizable(history)) {
          failures.add(describe(r, history));
        }
      }
    } finally {
      pool.shutdownNow();
    }
    assertTrue(
        failures.isEmpty(),
        failures.size()
            + " of "
            + ROUNDS
            + " rounds not linearizable; anomalous results "
            + anomalies
            + "; the first:\n"
            + (failures.isEmpty() ? "" : failures.get(0)));
  }

  private static Op randomOp(Random random, AtomicInteger seeds) {
    int dice = random.nextInt(100);
    Key key = ARTIFACTS.get(random.nextInt(KEYS));
    if (dice < 40) {
      return new Put(key, seeds.incrementAndGet());
    } else if (dice < 70) {
      return new Get(key);
    } else if (dice < 82) {
      return new Head(key);
    } else if (dice < 92) {
      return new DeleteAll(TEAMS.get(random.nextInt(TEAMS.size())));
    }
    return new ListAll();
  }

  private static List<Call> run(ArtifactStore store, int thread, List<Op> plan, CyclicBarrier start)
      throws Exception {
    start.await();
    List<Call> calls = new ArrayList<>();
    for (Op op : plan) {
      long invoked = System.nanoTime();
      String result;
      try {
        result = perform(store, op);
      } catch (RuntimeException | IOException e) {
        result = "error: " + e;
      }
      calls.add(new Call(thread, op, result, invoked, System.nanoTime()));
    }
    return calls;
  }

  // --- what each operation answers, in terms the model can compare

  private static String perform(ArtifactStore store, Op op) throws IOException {
    return switch (op) {
      case Put p -> {
        ArtifactMetadata stored =
            store.put(
                p.key().team(),
                p.key().hash(),
                new ByteArrayInputStream(bytesOf(p.seed())),
                sizeOf(p.seed()),
                metadataOf(p.seed()));
        yield stored.size() == sizeOf(p.seed()) ? "ok" : "torn: stored size " + stored.size();
      }
      case Get g -> {
        Optional<ArtifactStore.Content> content = store.open(g.key().team(), g.key().hash());
        if (content.isEmpty()) {
          yield MISS;
        }
        try (InputStream in = content.get().bytes()) {
          byte[] bytes = in.readAllBytes();
          yield versionOf(content.get().metadata(), content.get().bytes().length(), bytes);
        }
      }
      case Head h ->
          store
              .metadata(h.key().team(), h.key().hash())
              .map(m -> versionOf(m, m.size(), null))
              .orElse(MISS);
      case DeleteAll d -> String.valueOf(store.deleteAll(d.team()));
      case ListAll l -> {
        Set<String> all = new TreeSet<>();
        for (StoredArtifact a : store.list()) {
          all.add(new Key(a.team(), a.hash()) + "=" + versionOf(a.metadata(), -1, null));
        }
        yield all.toString();
      }
    };
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
   * {@code v<seed>} when metadata (and the bytes, when read) all say the same upload, else what was
   * mixed.
   */
  private static String versionOf(ArtifactMetadata metadata, long length, byte[] bytes) {
    int seed = Integer.parseInt(metadata.tag().substring(1));
    boolean whole =
        metadata.durationMs().intValueExact() == seed
            && metadata.size() == sizeOf(seed)
            && (length < 0 || length == sizeOf(seed));
    if (bytes != null) {
      int bytesSeed = bytes.length >= 4 ? ByteBuffer.wrap(bytes).getInt() : -1;
      whole &= bytesSeed == seed && java.util.Arrays.equals(bytes, bytesOf(seed));
      if (!whole) {
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

  // --- the sequential model and Wing & Gong's check

  /** The model's state: the seed stored under each of {@link #ARTIFACTS}, 0 for none. */
  private record State(List<Integer> seeds) {}

  private record Step(String result, State next) {}

  private static Step apply(State state, Op op) {
    List<Integer> seeds = new ArrayList<>(state.seeds());
    return switch (op) {
      case Put p -> {
        seeds.set(ARTIFACTS.indexOf(p.key()), p.seed());
        yield new Step("ok", new State(List.copyOf(seeds)));
      }
      case Get g -> new Step(versionAt(seeds, g.key()), state);
      case Head h -> new Step(versionAt(seeds, h.key()), state);
      case DeleteAll d -> {
        int deleted = 0;
        for (int i = 0; i < KEYS; i++) {
          if (ARTIFACTS.get(i).team().equals(d.team()) && seeds.get(i) != 0) {
            seeds.set(i, 0);
            deleted++;
          }
        }
        yield new Step(String.valueOf(deleted), new State(List.copyOf(seeds)));
      }
      case ListAll l -> {
        Set<String> all = new TreeSet<>();
        for (int i = 0; i < KEYS; i++) {
          if (seeds.get(i) != 0) {
            all.add(ARTIFACTS.get(i) + "=v" + seeds.get(i));
          }
        }
        yield new Step(all.toString(), state);
      }
    };
  }

  private static String versionAt(List<Integer> seeds, Key key) {
    int seed = seeds.get(ARTIFACTS.indexOf(key));
    return seed == 0 ? MISS : "v" + seed;
  }

  private static boolean linearizable(List<Call> history) {
    State empty = new State(Collections.nCopies(KEYS, 0));
    return search(history, 0L, empty, new HashSet<>());
  }

  /**
   * Whether the calls not in {@code done} can be linearized from {@code state}: some call that no
   * other pending call finished before must come next, and must answer what the model answers.
   */
  private static boolean search(List<Call> history, long done, State state, Set<Object> seen) {
    if (Long.bitCount(done) == history.size()) {
      return true;
    }
    if (!seen.add(List.of(done, state))) {
      return false;
    }
    long firstReturn = Long.MAX_VALUE;
    for (int i = 0; i < history.size(); i++) {
      if ((done & (1L << i)) == 0) {
        firstReturn = Math.min(firstReturn, history.get(i).returned());
      }
    }
    for (int i = 0; i < history.size(); i++) {
      Call call = history.get(i);
      if ((done & (1L << i)) != 0 || call.invoked() > firstReturn) {
        continue;
      }
      Step step = apply(state, call.op());
      if (step.result().equals(call.result())
          && search(history, done | (1L << i), step.next(), seen)) {
        return true;
      }
    }
    return false;
  }

  private static String describe(int round, List<Call> history) {
    long origin = history.stream().mapToLong(Call::invoked).min().orElse(0);
    StringBuilder text = new StringBuilder("round " + round + ":\n");
    history.stream()
        .sorted((a, b) -> Long.compare(a.invoked(), b.invoked()))
        .forEach(
            c ->
                text.append(
                    String.format(
                        "  thread %d [%7d..%7d us] %s -> %s%n",
                        c.thread(),
                        (c.invoked() - origin) / 1000,
                        (c.returned() - origin) / 1000,
                        c.op(),
                        c.result())));
    return text.toString();
  }
}
