package dev.remotecache.mock;

/**
 * How the mock shares its heap, in one place. The launcher caps the server's heap (384 MiB by
 * default, {@code -Xmx} to change it; the container image's is smaller); of that:
 *
 * <ul>
 *   <li>artifacts kept in memory get half ({@link #storeBytes()}): uploads reserve their declared
 *       size before reading, the least recently used are evicted to make room, and one that cannot
 *       fit is refused with 507 ({@code --storage DIR} keeps artifacts on disk and streams them, so
 *       memory does not grow with their size);
 *   <li>the journal gets three tenths ({@link #journalLimit()}): its default limit is as many
 *       events (and as many rejections, one naming many violations counting as several, and request
 *       lines) as fit there at {@value #JOURNAL_BYTES_PER_EVENT} bytes each, at most {@value
 *       MockSettings#DEFAULT_JOURNAL_LIMIT}, which the default 384 MiB heap holds; an explicit
 *       {@code --journal-limit} wins;
 *   <li>JSON bodies in flight get three twentieths ({@link #jsonBodyBytes()}). What one request may
 *       cost: its body's bytes, the tree the validator reads (a few times the body for ordinary
 *       events, many times for a body of empty objects), and what its check keeps besides, bounded
 *       by the violations it names ({@link MockSettings#MAX_VIOLATIONS} by default, values quoted
 *       in at most 200 characters), since the validator keeps a body's first errors and only counts
 *       the others. A body takes room for {@value #JSON_BYTES_PER_BODY_BYTE} times its size before
 *       it is read, and more for an unusual tree once its tokens are counted; one that cannot have
 *       room is refused with 413, so the bodies checked at once never take more than this share,
 *       however many come ({@code JsonBodyBudget}). The largest JSON body is this share divided by
 *       {@value #JSON_BYTES_PER_BODY_BYTE} (at most the body limit);
 *   <li>the server itself gets the rest.
 * </ul>
 *
 * @param heapBytes the JVM's heap cap
 */
public record MemoryBudget(long heapBytes) {

  /**
   * What one unit of the journal's limit keeps alive: an event in a batch of its own (with the
   * stored artifact it names), a rejection with one violation and a request line. Measured by
   * filling a journal with 100 000 of each and reading the used heap after collections: 770 bytes,
   * 910 with the artifact (JDK 25, compressed pointers), rounded up.
   */
  public static final int JOURNAL_BYTES_PER_EVENT = 1024;

  /**
   * The room a JSON body takes per byte before it is read: its bytes and the tree of an ordinary
   * events batch, as {@code JsonTreeCost} counts it, rounded up (bench/results-json-bodies.md has
   * the measured trees). A body whose tree costs more takes more room before it is parsed.
   */
  public static final int JSON_BYTES_PER_BODY_BYTE = 7;

  public static MemoryBudget ofThisJvm() {
    return new MemoryBudget(Runtime.getRuntime().maxMemory());
  }

  /** The in-memory store's share: half the heap. */
  public long storeBytes() {
    return heapBytes / 2;
  }

  /**
   * The journal's default limit: as many events (and rejections) as three tenths of the heap hold,
   * at most {@value MockSettings#DEFAULT_JOURNAL_LIMIT}.
   */
  public int journalLimit() {
    long fits = heapBytes * 3 / 10 / JOURNAL_BYTES_PER_EVENT;
    return (int) Math.max(1, Math.min(MockSettings.DEFAULT_JOURNAL_LIMIT, fits));
  }

  /** The share of JSON bodies being read, parsed and checked: three twentieths of the heap. */
  public long jsonBodyBytes() {
    return heapBytes * 3 / 20;
  }

  /** {@code chosen}, or this budget's {@link #journalLimit()} where none was chosen. */
  public int journalLimit(int chosen) {
    return chosen == MockSettings.JOURNAL_LIMIT_FROM_HEAP ? journalLimit() : chosen;
  }
}
