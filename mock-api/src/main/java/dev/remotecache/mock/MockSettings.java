package dev.remotecache.mock;

import dev.remotecache.client.model.CachingStatus;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;

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
 * @param recordTo with a proxy, the directory every exchange is recorded into (WireMock mappings,
 *     {@code __files/}, {@code corpus.jsonl}), or {@code null} for none
 * @param recordRedactTeams whether a recording replaces team ids with pseudonyms
 * @param mappings a folder in WireMock's layout ({@code mappings/}, {@code __files/}) whose stubs
 *     are loaded at start, each held to the spec, or {@code null} for none
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
    Path reportOnExit,
    Path recordTo,
    boolean recordRedactTeams,
    Path mappings) {

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

  /** The longest idle timeout: longer, a stalled client holds its connection as good as forever. */
  public static final long MAX_IDLE_TIMEOUT_SECONDS = 86_400;

  /** {@link #MAX_IDLE_TIMEOUT_SECONDS}, a day. */
  public static final Duration MAX_IDLE_TIMEOUT = Duration.ofSeconds(MAX_IDLE_TIMEOUT_SECONDS);

  /**
   * The syntax of a bearer token (RFC 6750 {@code b64token}): a token outside it could never be
   * sent well formed, so every request would be refused. The request check uses the same syntax
   * ({@code VocabularyTest} holds the two together).
   */
  public static final String TOKEN_SYNTAX = "[A-Za-z0-9\\-._~+/]+=*";

  private static final Pattern TOKEN = Pattern.compile(TOKEN_SYNTAX);

  public MockSettings {
    tokens = List.copyOf(tokens);
    checkMaxViolations(maxViolations);
    checkRecording(recordTo, proxyTarget);
  }

  /** A setting given a value outside its rule: names the setting, the value and the rule. */
  public static final class InvalidSetting extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String setting;
    private final String value;
    private final String rule;

    InvalidSetting(String setting, Object value, String rule) {
      super(setting + " " + value + ": " + rule);
      this.setting = setting;
      this.value = String.valueOf(value);
      this.rule = rule;
    }

    /** The setting's name, as {@link RemoteCacheMock.Builder} spells it. */
    public String setting() {
      return setting;
    }

    /** The value refused, as given. */
    public String value() {
      return value;
    }

    /** What the value must be. */
    public String rule() {
      return rule;
    }
  }

  // The rule of each setting, in one place: the builder applies them, and the command line names
  // its option with the same rule.

  /** A port: 0 (a free one) to 65535. */
  public static int checkPort(int port) {
    if (port < 0 || port > 65535) {
      throw new InvalidSetting("port", port, "must be 0..65535 (0 picks a free one)");
    }
    return port;
  }

  /** A recording needs a real server to record: what is recorded is its answers, behind a proxy. */
  public static Path checkRecording(Path recordTo, URI proxyTarget) {
    if (recordTo != null && proxyTarget == null) {
      throw new InvalidSetting(
          "recordTo",
          recordTo,
          "needs a proxy: a recording holds the answers of the real server behind proxyTo");
    }
    return checkStorage(recordTo);
  }

  /** A journal limit: at least 1. */
  public static int checkJournalLimit(int limit) {
    if (limit < 1) {
      throw new InvalidSetting("journalLimit", limit, "must be at least 1");
    }
    return limit;
  }

  /** How many violations one answer names: at least 1. */
  public static int checkMaxViolations(int max) {
    if (max < 1) {
      throw new InvalidSetting("maxViolations", max, "must be at least 1");
    }
    return max;
  }

  /**
   * An idle timeout: more than 0 (none would let a stalled client hold a connection forever), at
   * most {@link #MAX_IDLE_TIMEOUT}.
   */
  public static Duration checkIdleTimeout(Duration timeout) {
    if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(MAX_IDLE_TIMEOUT) > 0) {
      throw new InvalidSetting(
          "idleTimeout",
          timeout.toSeconds() + " s",
          "must be more than 0 and at most " + MAX_IDLE_TIMEOUT_SECONDS + " s (a day)");
    }
    return timeout;
  }

  /** A token the mock accepts: one a client can send, in {@link #TOKEN_SYNTAX}. */
  public static String checkToken(String token) {
    if (token.isEmpty()) {
      throw new InvalidSetting(
          "token", "''", "is empty; a bearer token has at least one character");
    }
    if (!TOKEN.matcher(token).matches()) {
      throw new InvalidSetting(
          "token",
          "'" + token + "'",
          "has characters a bearer token cannot carry (RFC 6750: letters, digits, -._~+/ and"
              + " trailing =)");
    }
    return token;
  }

  /**
   * A storage directory: a directory, or a path that can be one (no file in its place or above it);
   * {@code null} for none.
   */
  public static Path checkStorage(Path directory) {
    if (directory == null) {
      return null;
    }
    Path existing = directory.toAbsolutePath();
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing != null && !Files.isDirectory(existing)) {
      throw new InvalidSetting(
          "storage",
          directory,
          existing.equals(directory.toAbsolutePath())
              ? "is a file, not a directory"
              : existing + " is a file, not a directory");
    }
    return directory;
  }

  /** The base URL of a mock with these settings listening on {@code port}. */
  public String baseUrl(int port) {
    return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}
