package dev.remotecache.mock.internal.operations;

import com.atlassian.oai.validator.model.ApiOperation;
import com.atlassian.oai.validator.model.Request;
import dev.remotecache.contract.core.ApiContract;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Every operation of the spec, each with its handler, built once when the spec is loaded: what a
 * request's method and path are for is found here, not through the validator on each request. An
 * operation of the spec without a handler is a failure at start-up, naming it.
 */
public final class Operations {

  private static final Pattern PARAMETER = Pattern.compile("\\{[^}/]+}");

  private record Entry(ApiContract.Route route, Operation operation) {}

  private final ApiContract contract;
  private final List<Entry> entries;
  private final Map<String, Operation> byId = new HashMap<>();

  private Operations(ApiContract contract, List<Entry> entries) {
    this.contract = contract;
    this.entries = List.copyOf(entries);
    entries.forEach(e -> byId.put(e.operation().id(), e.operation()));
  }

  /**
   * The operations of {@code contract} (loaded), each served by {@code handlers}.
   *
   * @throws IllegalStateException naming each operation of the spec that has no handler
   */
  public static Operations of(ApiContract contract, OperationDispatcher handlers) {
    List<Entry> entries = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (ApiContract.Route route : contract.routes()) {
      // The validator's own operation, as a request of this route finds it (the path template's
      // parameters stand for any value).
      String sample = PARAMETER.matcher(route.pathTemplate()).replaceAll("x");
      ApiOperation spec =
          contract
              .operationFor(sample, Request.Method.valueOf(route.method()))
              .orElseThrow(
                  () -> new IllegalStateException("the validator finds no operation at " + route));
      Optional<OperationHandler> handler = handlers.handlerFor(spec);
      if (handler.isEmpty()) {
        missing.add(route.operationId() + " (" + route + ")");
        continue;
      }
      entries.add(
          new Entry(
              route,
              new Operation(
                  route.operationId(),
                  route.method(),
                  route.pathTemplate(),
                  takesArtifact(spec),
                  spec,
                  handler.get())));
    }
    if (!missing.isEmpty()) {
      throw new IllegalStateException(
          "the spec's operation"
              + (missing.size() == 1 ? " " : "s ")
              + String.join(", ", missing)
              + (missing.size() == 1 ? " has" : " have")
              + " no handler: the server stub has no method of that operationId");
    }
    return new Operations(contract, entries);
  }

  /** The operation a request's method and path are for; empty when the spec declares none. */
  public Optional<Operation> find(String method, String path) {
    for (Entry entry : entries) {
      if (entry.route().method().equals(method)
          && entry.route().pattern().matcher(path).matches()) {
        return Optional.of(entry.operation());
      }
    }
    // What the patterns do not match, the validator's resolver may (as the contract check does).
    Optional<Request.Method> validatorMethod;
    try {
      validatorMethod = Optional.of(Request.Method.valueOf(method));
    } catch (IllegalArgumentException unknown) {
      return Optional.empty();
    }
    return validatorMethod
        .flatMap(m -> contract.operationFor(path, m))
        .map(op -> byId.get(op.getOperation().getOperationId()));
  }

  /** By {@code operationId}. */
  public Optional<Operation> byId(String operationId) {
    return Optional.ofNullable(byId.get(operationId));
  }

  /** Every operation (those of routes without path parameters first, as they are matched). */
  public List<Operation> all() {
    return entries.stream().map(Entry::operation).toList();
  }

  /**
   * An operation whose request body is bytes only (an upload): its body is streamed, not read by
   * the pipeline.
   */
  private static boolean takesArtifact(ApiOperation operation) {
    var body = operation.getOperation().getRequestBody();
    return body != null
        && body.getContent() != null
        && !body.getContent().isEmpty()
        && body.getContent().keySet().stream().noneMatch(type -> type.contains("json"));
  }
}
