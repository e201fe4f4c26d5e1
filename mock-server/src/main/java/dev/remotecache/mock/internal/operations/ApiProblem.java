package dev.remotecache.mock.internal.operations;

import dev.remotecache.mock.internal.contract.ErrorCode;

/**
 * An operation's documented failure (for example 404 for an unknown artifact), answered with the
 * API's error body. The status must be one the spec declares for the operation.
 */
public final class ApiProblem extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;

  public ApiProblem(ErrorCode code, String message) {
    super(message, null, false, false);
    this.status = code.status();
    this.code = code.value();
  }

  public static ApiProblem artifactNotFound(String hash) {
    return new ApiProblem(
        ErrorCode.NOT_FOUND,
        "Artifact not found: nothing is stored under " + hash + " for this team");
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }
}
