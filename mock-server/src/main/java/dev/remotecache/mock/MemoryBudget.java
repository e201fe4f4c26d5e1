package dev.remotecache.mock;

/**
 * How the mock shares its heap, in one place. The launcher caps the server's heap (384 MiB by
 * default, {@code -Xmx} to change it); of that:
 *
 * <ul>
 *   <li>artifacts kept in memory get half ({@link #storeBytes()}): uploads reserve their declared
 *       size before reading, the least recently used are evicted to make room, and one that cannot
 *       fit is refused with 507 ({@code --storage DIR} keeps artifacts on disk and streams them, so
 *       memory does not grow with their size);
 *   <li>the journal, at its default limit of {@value MockSettings#DEFAULT_JOURNAL_LIMIT} events and
 *       as many rejections, needs up to about 150 MiB (a smaller {@code --journal-limit} needs
 *       less);
 *   <li>JSON bodies in flight are read whole, each at most the body limit ({@value
 *       MockSettings#DEFAULT_MAX_BODY_BYTES} bytes by default): real ones are a few kilobytes.
 * </ul>
 *
 * @param heapBytes the JVM's heap cap
 */
public record MemoryBudget(long heapBytes) {

  public static MemoryBudget ofThisJvm() {
    return new MemoryBudget(Runtime.getRuntime().maxMemory());
  }

  /** The in-memory store's share: half the heap. */
  public long storeBytes() {
    return heapBytes / 2;
  }
}
