package dev.remotecache.mock;

import dev.remotecache.client.model.CachingStatus;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * Everything a mock can be told, with the defaults a newcomer gets: see {@link
 * RemoteCacheMock.Builder}.
 *
 * @param storage directory for artifacts, or {@code null} to keep them in memory
 * @param maxBodyBytes the largest request body accepted; a larger one gets 413
 * @param adminToken token the admin API requires, or {@code null} for none (loopback callers only)
 * @param journalLimit how many events (and, separately, rejections) the journal keeps before
 *     dropping the oldest, or {@link #JOURNAL_LIMIT_FROM_HEAP} for {@link MemoryBudget}'s share of
 *     the server's heap
 * @param maxViolations how many violations one answer (and one rejection in the journal) names at
 *     most: the first ones, with the count of all (the spec's {@code violationCount})
 * @param requestLog where one line per request goes, or {@code null} for nowhere
 * @param colourLog whether request log lines carry ANSI colours (for a terminal)
 * @param proxyTarget a real server to forward to (validating proxy mode), or {@code null} to answer
 *     as the mock
 * @param forwardInvalid with a proxy, forward requests that break the contract too (with a warning)
 * @param reportOnExit where {@code stop()} writes the check's reports (JUnit XML, JSON, Markdown),
 *     or {@code null} for none
 */
public record MockSettings(
    String host,
    int port,
    List<String> tokens,
    Path storage,
    CachingStatus status,
    long maxBodyBytes,
    Duration idleTimeout,
    int journalLimit,
    int maxViolations,
    String adminToken,
    Consumer<String> requestLog,
    boolean colourLog,
    URI proxyTarget,
    boolean forwardInvalid,
    Path reportOnExit) {

  /** The port the standalone server listens on when none is given. */
  public static final int DEFAULT_PORT = 7878;

  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final CachingStatus DEFAULT_STATUS = CachingStatus.ENABLED;

  /** 100 MiB: more than turbo's artifacts of most projects; see {@link MemoryBudget}. */
  public static final long DEFAULT_MAX_BODY_BYTES = 100L * 1024 * 1024;

  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);

  /**
   * Events (and, separately, rejections) kept at most by default: what the default 384 MiB heap
   * holds; a smaller heap keeps fewer ({@link MemoryBudget#journalLimit()}).
   */
  public static final int DEFAULT_JOURNAL_LIMIT = 100_000;

  /**
   * Violations named in one answer at most by default: enough to fix a batch by, small enough that
   * an answer stays a few tens of kilobytes ({@link MemoryBudget}).
   */
  public static final int DEFAULT_MAX_VIOLATIONS = 100;

  /**
   * The journal limit that means "none chosen": the server derives it from its own heap ({@link
   * MemoryBudget#journalLimit()}).
   */
  public static final int JOURNAL_LIMIT_FROM_HEAP = 0;

  /** How long a stop waits for requests in flight. */
  public static final Duration STOP_GRACE = Duration.ofSeconds(10);

  public MockSettings {
    tokens = List.copyOf(tokens);
    if (maxViolations < 1) {
      throw new IllegalArgumentException(
          "the violations named in an answer must be at least 1, got " + maxViolations);
    }
  }

  /** The base URL of a mock with these settings listening on {@code port}. */
  public String baseUrl(int port) {
    return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}
