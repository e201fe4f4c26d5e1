package dev.remotecache.mock.internal.pipeline;

import dev.remotecache.mock.internal.contract.ErrorCode;
import dev.remotecache.mock.internal.http.Answer;
import dev.remotecache.mock.store.StorageFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The answer to a store's failure, and its one log line, for the API and the admin API alike: the
 * store logs nothing itself, so whoever answers logs it once, with the request and the cause (whose
 * chain names the path).
 */
public final class StorageFailureAnswers {

  private static final Logger LOG = LoggerFactory.getLogger(StorageFailureAnswers.class);

  private StorageFailureAnswers() {}

  /** 413, 507 or 500 as the failure's kind says, its client-safe message in the error shape. */
  public static Answer answer(StorageFailure failure) {
    ErrorCode code =
        switch (failure.kind()) {
          case TOO_LARGE -> ErrorCode.PAYLOAD_TOO_LARGE;
          case NO_SPACE -> ErrorCode.INSUFFICIENT_STORAGE;
          case FAILED -> ErrorCode.INTERNAL_SERVER_ERROR;
        };
    return Answer.error(code.status(), code.value(), failure.getMessage());
  }

  /**
   * Logs a failure with a cause (an I/O error); a refusal without one (over the store's budget) is
   * the answer alone.
   */
  public static void log(String method, String url, StorageFailure failure) {
    if (failure.getCause() != null) {
      LOG.error(
          "the store failed on {} {}: {}", method, url, failure.getMessage(), failure.getCause());
    }
  }
}
