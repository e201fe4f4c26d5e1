package dev.remotecache.mock.internal.operations;

import com.atlassian.oai.validator.model.ApiOperation;

/**
 * One operation of the spec as the pipeline needs it, built once per route ({@link Operations}):
 * its id, method and path, whether its request body is an artifact (streamed into the store, not
 * read here), the spec's operation (for the contract check) and its handler.
 *
 * @param method the HTTP method, upper case
 * @param pathTemplate the spec's path, {@code /v8/artifacts/{hash}}
 */
public record Operation(
    String id,
    String method,
    String pathTemplate,
    boolean takesArtifact,
    ApiOperation spec,
    OperationHandler handler) {

  @Override
  public String toString() {
    return id + " (" + method + " " + pathTemplate + ")";
  }
}
