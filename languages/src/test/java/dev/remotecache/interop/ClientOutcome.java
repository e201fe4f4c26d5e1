package dev.remotecache.interop;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a client reported after trying one scenario.
 *
 * @param status the HTTP status the client surfaced (for {@link Kind#REJECTED})
 * @param clientMessage the client's own error message
 * @param error the error body as the client read it into its generated {@code ErrorResponse} model
 *     and wrote it back as JSON: what a caller of that client can see
 * @param reason why the typed client could not build the request (for {@link Kind#CANNOT_EXPRESS})
 */
public record ClientOutcome(
    Kind kind, Integer status, String clientMessage, JsonNode error, String reason) {

  public enum Kind {
    /** The call returned normally. */
    ACCEPTED,
    /** The call threw the client's error type, carrying the status and the error body. */
    REJECTED,
    /** The typed client has no way to express the request; nothing was sent. */
    CANNOT_EXPRESS,
    /** Anything else: a network error, an unexpected exception. */
    FAILED
  }

  public static ClientOutcome accepted() {
    return new ClientOutcome(Kind.ACCEPTED, null, null, null, null);
  }

  public static ClientOutcome rejected(int status, String clientMessage, JsonNode error) {
    return new ClientOutcome(Kind.REJECTED, status, clientMessage, error, null);
  }

  public static ClientOutcome cannotExpress(String reason) {
    return new ClientOutcome(Kind.CANNOT_EXPRESS, null, null, null, reason);
  }

  public static ClientOutcome failed(String clientMessage) {
    return new ClientOutcome(Kind.FAILED, null, clientMessage, null, null);
  }
}
