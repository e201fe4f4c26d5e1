package dev.remotecache.mock.store;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The default store: artifacts live in memory as long as the mock runs, within a byte budget. An
 * upload reserves its declared size before a byte is read, so that concurrent uploads can never
 * hold more than the budget between them; to make room, the least recently used artifacts are
 * evicted, as a real remote cache evicts (a later download of one is a 404 miss). An artifact that
 * cannot fit even then is refused with {@link StorageFailure} (the API's 507), never an
 * out-of-memory mock. {@code --storage DIR} keeps everything, on disk.
 *
 * <p>Bytes are kept in chunks of {@value #CHUNK} bytes: one copy of each artifact, no large
 * contiguous arrays for the collector to move.
 */
public final class InMemoryArtifactStore implements ArtifactStore {

  static final int CHUNK = 1 << 20;

  /** How long an upload waits for room that uploads in progress hold. */
  static final Duration WAIT = Duration.ofSeconds(60);

  private record Key(String team, String hash) {}

  private record Entry(String team, String hash, ArtifactMetadata metadata, List<byte[]> chunks) {}

  private final long budgetBytes;

  /** In access order: the eldest entry is the least recently stored or downloaded. */
  private final LinkedHashMap<Key, Entry> artifacts = new LinkedHashMap<>(16, 0.75f, true);

  private long storedBytes;
  private long reservedBytes;
  private long evictions;

  /**
   * @param budgetBytes the most artifact bytes kept, stored and being uploaded together
   */
  public InMemoryArtifactStore(long budgetBytes) {
    if (budgetBytes < 1) {
      throw new IllegalArgumentException(
          "the store's budget must be at least 1 byte, got " + budgetBytes);
    }
    this.budgetBytes = budgetBytes;
  }

  @Override
  public ArtifactMetadata put(
      String team, String hash, InputStream bytes, long declaredLength, ArtifactMetadata metadata) {
    ArtifactStore.checkedHash(hash);
    Key key = new Key(team, hash);
    long reserved = Math.max(0, declaredLength);
    reserve(key, reserved);
    List<byte[]> chunks = new ArrayList<>();
    long size = 0;
    try {
      while (true) {
        int want =
            (int) Math.min(CHUNK, declaredLength >= 0 ? Math.max(declaredLength - size, 1) : CHUNK);
        byte[] chunk = read(bytes, want);
        if (chunk.length == 0) {
          break;
        }
        if (size + chunk.length > reserved) {
          long more = size + chunk.length - reserved;
          reserve(key, more); // a body without a declared length reserves as it arrives
          reserved += more;
        }
        chunks.add(chunk);
        size += chunk.length;
      }
    } catch (RuntimeException | Error e) {
      release(reserved);
      throw e;
    }
    ArtifactMetadata stored = metadata.withSize(size);
    synchronized (this) {
      reservedBytes -= reserved;
      notifyAll();
      Entry replaced = artifacts.put(key, new Entry(team, hash, stored, chunks));
      storedBytes += size - (replaced == null ? 0 : replaced.metadata().size());
    }
    return stored;
  }

  private static byte[] read(InputStream in, int max) {
    try {
      byte[] buffer = in.readNBytes(max);
      return buffer;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Makes room for {@code bytes} more, evicting the least recently used. While uploads in progress
   * hold the room, waits for them (up to {@link #WAIT}), as a busy cache makes a client wait. The
   * artifact being replaced ({@code key}) is not counted: it stays readable until the new one is
   * whole, then goes.
   */
  private synchronized void reserve(Key key, long bytes) {
    if (bytes > budgetBytes) {
      throw new StorageFailure(
          "the artifact ("
              + bytes
              + " bytes) is larger than the in-memory store's budget ("
              + budgetBytes
              + " bytes, half the heap); start the mock with --storage DIR to keep large artifacts"
              + " on disk",
          true);
    }
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      Entry replaced = artifacts.get(key);
      long replacing = replaced == null ? 0 : replaced.metadata().size();
      Iterator<Entry> eldest = artifacts.values().iterator();
      while (storedBytes - replacing + reservedBytes + bytes > budgetBytes && eldest.hasNext()) {
        Entry evicted = eldest.next();
        if (evicted == replaced) {
          continue;
        }
        eldest.remove();
        storedBytes -= evicted.metadata().size();
        evictions++;
      }
      if (storedBytes - replacing + reservedBytes + bytes <= budgetBytes) {
        reservedBytes += bytes;
        return;
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new StorageFailure(
            "the in-memory store's budget ("
                + budgetBytes
                + " bytes) stayed taken by uploads in progress for "
                + WAIT.toSeconds()
                + " s; start the mock with --storage DIR");
      }
      try {
        wait(Math.max(1, left / 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StorageFailure("interrupted while waiting for room in the store", e);
      }
    }
  }

  private synchronized void release(long bytes) {
    reservedBytes -= bytes;
    notifyAll();
  }

  @Override
  public synchronized Optional<Content> open(String team, String hash) {
    Entry entry = artifacts.get(new Key(team, hash));
    if (entry == null) {
      return Optional.empty();
    }
    List<InputStream> parts = new ArrayList<>();
    entry.chunks().forEach(c -> parts.add(new ByteArrayInputStream(c)));
    InputStream all = new SequenceInputStream(Collections.enumeration(parts));
    return Optional.of(
        new Content(entry.metadata(), new SizedStream(all, entry.metadata().size())));
  }

  @Override
  public synchronized Optional<ArtifactMetadata> metadata(String team, String hash) {
    Entry entry = artifacts.get(new Key(team, hash));
    return entry == null ? Optional.empty() : Optional.of(entry.metadata());
  }

  @Override
  public synchronized int deleteAll(String team) {
    int removed = 0;
    for (Iterator<Map.Entry<Key, Entry>> it = artifacts.entrySet().iterator(); it.hasNext(); ) {
      Entry artifact = it.next().getValue();
      if (artifact.team().equals(team)) {
        storedBytes -= artifact.metadata().size();
        it.remove();
        removed++;
      }
    }
    return removed;
  }

  @Override
  public synchronized List<StoredArtifact> list() {
    List<StoredArtifact> all = new ArrayList<>();
    artifacts.values().forEach(a -> all.add(new StoredArtifact(a.team(), a.hash(), a.metadata())));
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
}
