package dev.remotecache.mock.journal;

/**
 * What kind of answer a request got: what the live view and the request log show it as, by what the
 * client met rather than by its status alone (an injected 503 is a fault, not a server bug).
 */
public enum AnswerClass {
  /** 2xx: the operation's own answer. */
  SUCCESS,
  /** 3xx. */
  REDIRECT,
  /** 4xx the operation answered, as the spec documents it: a miss (404), a body cut short. */
  ERROR_ANSWER,
  /** 4xx from the contract check: the request broke the contract (a rejection, in the journal). */
  REJECTED,
  /** 5xx: the mock failed, or its store, or the real server behind {@code --proxy}. */
  SERVER_ERROR,
  /** An injected fault: a delay, an error status, a broken connection. */
  FAULT,
  /** A forced answer, or one asked for with {@code Prefer: code=...}. */
  FORCED,
  /** The answer of a stub the user registered (WireMock stub mappings), held to the spec. */
  STUB,
  /** A CORS preflight ({@code OPTIONS}), answered before the contract check. */
  PREFLIGHT;

  /** The class of a plain answer, by its status. */
  public static AnswerClass ofStatus(int status) {
    if (status >= 500) {
      return SERVER_ERROR;
    }
    if (status >= 400) {
      return ERROR_ANSWER;
    }
    return status >= 300 ? REDIRECT : SUCCESS;
  }
}
