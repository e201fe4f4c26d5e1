package dev.remotecache.contract.generative;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The spec's operations by operationId: route, parameters (path-level included), body, success
 * status.
 */
final class ApiOperations {

  record ApiOperation(
      String operationId,
      String method,
      String pathTemplate,
      Operation operation,
      List<Parameter> parameters) {

    /** The one 2xx status the spec declares for this operation. */
    int successStatus() {
      return operation.getResponses().keySet().stream()
          .filter(code -> code.startsWith("2"))
          .findFirst()
          .map(Integer::parseInt)
          .orElseThrow();
    }

    boolean documents(int status) {
      return operation.getResponses().containsKey(String.valueOf(status));
    }

    boolean secured() {
      return operation.getSecurity() != null && !operation.getSecurity().isEmpty();
    }

    Optional<Map.Entry<String, MediaType>> requestContent() {
      return Optional.ofNullable(operation.getRequestBody())
          .map(rb -> rb.getContent())
          .flatMap(content -> content.entrySet().stream().findFirst());
    }

    boolean hasPathParameter(String name) {
      return pathTemplate.contains("{" + name + "}");
    }
  }

  private final Map<String, ApiOperation> byId = new LinkedHashMap<>();

  ApiOperations(OpenAPI api) {
    api.getPaths()
        .forEach(
            (path, item) ->
                item.readOperationsMap()
                    .forEach(
                        (method, operation) -> {
                          List<Parameter> parameters = new ArrayList<>();
                          if (item.getParameters() != null) {
                            parameters.addAll(item.getParameters());
                          }
                          if (operation.getParameters() != null) {
                            parameters.addAll(operation.getParameters());
                          }
                          byId.put(
                              operation.getOperationId(),
                              new ApiOperation(
                                  operation.getOperationId(),
                                  method.name(),
                                  path,
                                  operation,
                                  parameters));
                        }));
  }

  ApiOperation get(String operationId) {
    ApiOperation operation = byId.get(operationId);
    if (operation == null) {
      throw new IllegalArgumentException("the spec has no operation " + operationId);
    }
    return operation;
  }

  List<String> ids() {
    return List.copyOf(byId.keySet());
  }
}
