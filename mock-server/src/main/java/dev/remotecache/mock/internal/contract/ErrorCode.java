package dev.remotecache.mock.internal.contract;

/**
 * The API's error codes the mock answers with, and the HTTP status each goes with. The spec lists
 * the codes in {@code ErrorDetail.code}'s {@code x-known-values}; {@code VocabularyTest} holds this
 * list to it, and every documented error example to {@link #forStatus}.
 */
public enum ErrorCode {
  BAD_REQUEST("bad_request", 400),
  NOT_AUTHORIZED("not_authorized", 401),
  PAYMENT_REQUIRED("payment_required", 402),
  FORBIDDEN("forbidden", 403),
  NOT_FOUND("not_found", 404),
  METHOD_NOT_ALLOWED("method_not_allowed", 405),
  PAYLOAD_TOO_LARGE("payload_too_large", 413),
  RATE_LIMITED("rate_limited", 429),
  INTERNAL_SERVER_ERROR("internal_server_error", 500),
  BAD_GATEWAY("bad_gateway", 502),
  INSUFFICIENT_STORAGE("insufficient_storage", 507);

  private final String value;
  private final int status;

  ErrorCode(String value, int status) {
    this.value = value;
    this.status = status;
  }

  /** As the API spells it: {@code not_found}. */
  public String value() {
    return value;
  }

  public int status() {
    return status;
  }

  /**
   * The code for an error status; a 5xx without a code of its own is an internal error, a 4xx a bad
   * request.
   */
  public static ErrorCode forStatus(int status) {
    for (ErrorCode code : values()) {
      if (code.status == status) {
        return code;
      }
    }
    if (status == 431) {
      return PAYLOAD_TOO_LARGE; // headers too large
    }
    return status >= 500 ? INTERNAL_SERVER_ERROR : BAD_REQUEST;
  }

  @Override
  public String toString() {
    return value;
  }
}
