package dev.remotecache.mock.internal.operations;

import dev.remotecache.mock.internal.contract.ValidatorRequest;
import dev.remotecache.mock.internal.http.Answer;
import java.io.InputStream;

/** Serves one operation of the spec: an accepted request in, the operation's answer out. */
@FunctionalInterface
public interface OperationHandler {

  /**
   * @param request the accepted request, its JSON body parsed once (by the contract check)
   * @param upload the artifact's bytes, for an operation that takes them; {@code null} otherwise
   * @param context the request's own context (base URL, upload length, response headers)
   */
  Answer handle(ValidatorRequest request, InputStream upload, OperationContext context);
}
