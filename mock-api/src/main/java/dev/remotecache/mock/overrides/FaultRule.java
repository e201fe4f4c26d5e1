package dev.remotecache.mock.overrides;

import java.util.Objects;

/**
 * A misbehaviour of the server, to test how a tool copes: for requests of {@code operationId}
 * ({@code "*"} for all), a share of them or the next {@code times}.
 *
 * @param kind what goes wrong
 * @param delayMs for {@link Kind#DELAY}: the delay, or the lower bound of a random one
 * @param delayMaxMs for {@link Kind#DELAY}: the upper bound of a random delay, or {@code null} for
 *     a fixed one
 * @param status for {@link Kind#SERVER_ERROR}: 500, 502, 503 or 504 (500 when absent)
 * @param share the share of matching requests it hits, 0 to 1 ({@code null}: all)
 * @param times how many matching requests it hits before it is spent ({@code null}: no limit)
 */
public record FaultRule(
    String operationId,
    Kind kind,
    Integer delayMs,
    Integer delayMaxMs,
    Integer status,
    Double share,
    Integer times) {

  /** The misbehaviours on offer. */
  public enum Kind {
    /** The real answer, late. */
    DELAY,
    /** A 5xx instead of the answer (not a documented response: the point is to test retries). */
    SERVER_ERROR,
    /** The connection is reset before any answer. */
    CONNECTION_RESET,
    /** The connection is closed with no answer at all. */
    EMPTY_RESPONSE,
    /** A 200 status line, then a broken body, then the connection closes. */
    TRUNCATED_BODY
  }

  public FaultRule {
    Objects.requireNonNull(operationId, "operationId (\"*\" for every operation)");
    Objects.requireNonNull(kind, "kind");
    if (kind == Kind.DELAY && (delayMs == null || delayMs < 0)) {
      throw new IllegalArgumentException("a DELAY needs delayMs >= 0");
    }
    if (delayMaxMs != null && (delayMs == null || delayMaxMs < delayMs)) {
      throw new IllegalArgumentException("delayMaxMs must be at least delayMs");
    }
    if (status != null && (status < 500 || status > 599)) {
      throw new IllegalArgumentException("a SERVER_ERROR status is 5xx, got " + status);
    }
    if (share != null && (share < 0 || share > 1)) {
      throw new IllegalArgumentException("share is between 0 and 1, got " + share);
    }
    if (times != null && times < 1) {
      throw new IllegalArgumentException(
          "times must be at least 1 (or absent for no limit), got " + times);
    }
  }

  public static FaultRule delay(String operationId, int millis) {
    return new FaultRule(operationId, Kind.DELAY, millis, null, null, null, null);
  }

  public static FaultRule randomDelay(String operationId, int minMillis, int maxMillis) {
    return new FaultRule(operationId, Kind.DELAY, minMillis, maxMillis, null, null, null);
  }

  public static FaultRule serverError(String operationId, int status) {
    return new FaultRule(operationId, Kind.SERVER_ERROR, null, null, status, null, null);
  }

  public static FaultRule of(String operationId, Kind kind) {
    return new FaultRule(operationId, kind, null, null, null, null, null);
  }

  public FaultRule share(double fraction) {
    return new FaultRule(operationId, kind, delayMs, delayMaxMs, status, fraction, times);
  }

  public FaultRule times(int n) {
    return new FaultRule(operationId, kind, delayMs, delayMaxMs, status, share, n);
  }

  /** Whether this fault hits requests of {@code operation}. */
  public boolean appliesTo(String operation) {
    return operationId.equals("*") || operationId.equals(operation);
  }
}
