package dev.remotecache.mock.internal.operations;

import com.atlassian.oai.validator.model.ApiOperation;
import com.atlassian.oai.validator.model.Request;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.remotecache.mock.internal.contract.PathParameters;
import dev.remotecache.mock.internal.contract.ValidatorRequest;
import dev.remotecache.mock.internal.http.Answer;
import dev.remotecache.mock.store.SizedStream;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.responses.ApiResponse;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Runs an accepted request through the server stub generated from the spec (a JAX-RS interface) and
 * turns what the implementation returns into the spec's answer.
 *
 * <ul>
 *   <li>parameters are bound the way the generated annotations say: headers, query and path values,
 *       and the body bound to the generated model types from the JSON tree the contract check
 *       already parsed (or, for bytes, the request's own stream);
 *   <li>the status is the operation's success status from the spec; the body is the returned model
 *       as JSON, or the returned bytes in the media type the client's {@code Accept} prefers among
 *       those the spec declares;
 *   <li>an {@link ApiProblem} becomes the documented error answer.
 * </ul>
 *
 * <p>Each operation gets its {@link OperationHandler} once ({@link #handlerFor}); each request is
 * served by an implementation made for it with its {@link OperationContext} (as JAX-RS makes a
 * resource per request), so nothing of a request is kept on its thread.
 *
 * <p>Only requests the validator accepted get here, so a value that cannot be bound is a bug in the
 * mock, not in the client.
 */
public final class OperationDispatcher {

  private static final Set<String> ALWAYS_ALLOWED_HEADERS =
      Set.of("content-type", "content-length");

  private final Function<OperationContext, ?> implementations;
  private final ObjectMapper json;
  private final Map<String, Method> methodsByOperationId = new HashMap<>();

  /**
   * How to fill each parameter of each method, read once from the annotations (not per request).
   */
  private final Map<Method, List<ParameterBinding>> bindings = new HashMap<>();

  /**
   * @param implementations the implementation of {@code stubInterface} that serves one request,
   *     given its context (as JAX-RS makes a resource per request)
   */
  public <T> OperationDispatcher(
      Class<T> stubInterface,
      Function<OperationContext, ? extends T> implementations,
      ObjectMapper json) {
    this.implementations = implementations;
    this.json = json;
    for (Method method : stubInterface.getMethods()) {
      methodsByOperationId.put(method.getName(), method);
      bindings.put(method, bindingsOf(method));
    }
  }

  /**
   * Where one parameter's value comes from: a header, the query, the path, or (none of those) the
   * body.
   */
  private record ParameterBinding(Source source, String name, JavaType type) {}

  private enum Source {
    HEADER,
    QUERY,
    PATH,
    BODY
  }

  private List<ParameterBinding> bindingsOf(Method method) {
    List<ParameterBinding> list = new ArrayList<>();
    for (Parameter parameter : method.getParameters()) {
      JavaType type = json.constructType(parameter.getParameterizedType());
      ParameterBinding binding = new ParameterBinding(Source.BODY, null, type);
      for (Annotation annotation : parameter.getAnnotations()) {
        if (annotation instanceof HeaderParam header) {
          binding = new ParameterBinding(Source.HEADER, header.value(), type);
        } else if (annotation instanceof QueryParam query) {
          binding = new ParameterBinding(Source.QUERY, query.value(), type);
        } else if (annotation instanceof PathParam path) {
          binding = new ParameterBinding(Source.PATH, path.value(), type);
        }
      }
      list.add(binding);
    }
    return List.copyOf(list);
  }

  /**
   * The handler of an operation of the spec: the stub's method named by its {@code operationId};
   * empty when the stub has none.
   */
  public Optional<OperationHandler> handlerFor(ApiOperation operation) {
    Method method = methodsByOperationId.get(operation.getOperation().getOperationId());
    if (method == null) {
      return Optional.empty();
    }
    Map.Entry<String, ApiResponse> success = successResponse(operation.getOperation()); // once
    return Optional.of(
        (request, upload, context) ->
            dispatch(method, operation, success, request, upload, context));
  }

  private Answer dispatch(
      Method method,
      ApiOperation operation,
      Map.Entry<String, ApiResponse> success,
      ValidatorRequest request,
      InputStream bytes,
      OperationContext context) {
    Operation spec = operation.getOperation();
    try {
      Object[] arguments = bind(method, operation, request, bytes);
      Object returned = invoke(implementations.apply(context), method, arguments);
      return success(spec, success, request, returned, context);
    } catch (ApiProblem problem) {
      return failure(spec, request, problem);
    }
  }

  private static Object invoke(Object implementation, Method method, Object[] arguments) {
    try {
      return method.invoke(implementation, arguments);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  private Answer success(
      Operation spec,
      Map.Entry<String, ApiResponse> declared,
      Request request,
      Object returned,
      OperationContext context) {
    ApiResponse response = declared.getValue();
    Answer answer = Answer.of(Integer.parseInt(declared.getKey()));
    for (Map.Entry<String, String> header : context.responseHeaders().entrySet()) {
      if (!isDeclared(response, header.getKey())) {
        throw new IllegalStateException(
            spec.getOperationId()
                + " sets header "
                + header.getKey()
                + " that the spec does not declare for "
                + declared.getKey());
      }
      answer = answer.withHeader(header.getKey(), header.getValue());
    }
    if (returned instanceof InputStream stream) {
      long length = stream instanceof SizedStream sized ? sized.length() : -1;
      return answer
          .withHeader("Content-Type", negotiate(response.getContent(), request))
          .withStream(stream, length);
    }
    if (returned != null) {
      return answer.withHeader("Content-Type", "application/json").withBody(write(returned));
    }
    return answer;
  }

  /**
   * The operation's success response: its lowest 2xx (the spec's lint test guarantees there is
   * one).
   */
  public static Map.Entry<String, ApiResponse> successResponse(Operation spec) {
    return spec.getResponses().entrySet().stream()
        .filter(e -> e.getKey().startsWith("2"))
        .min(Map.Entry.comparingByKey())
        .orElseThrow(
            () ->
                new IllegalStateException(spec.getOperationId() + " declares no success response"));
  }

  private Answer failure(Operation spec, Request request, ApiProblem problem) {
    ApiResponse response = spec.getResponses().get(String.valueOf(problem.status()));
    if (response == null) {
      throw new IllegalStateException(
          spec.getOperationId()
              + " answered "
              + problem.status()
              + ", which the spec does not declare");
    }
    if (response.getContent() == null || request.getMethod() == Request.Method.HEAD) {
      return Answer.of(problem.status());
    }
    // No violations: the request met the contract; the answer is a documented outcome.
    return Answer.error(problem.status(), problem.code(), problem.getMessage());
  }

  private static boolean isDeclared(ApiResponse response, String header) {
    if (ALWAYS_ALLOWED_HEADERS.contains(header.toLowerCase(Locale.ROOT))) {
      return true;
    }
    return response.getHeaders() != null
        && response.getHeaders().keySet().stream().anyMatch(h -> h.equalsIgnoreCase(header));
  }

  /** The first declared media type the client's Accept names; the first declared one otherwise. */
  private static String negotiate(Content content, Request request) {
    List<String> declared =
        content == null ? List.of("application/octet-stream") : new ArrayList<>(content.keySet());
    String accept = request.getHeaderValue("Accept").orElse("*/*");
    for (String range : accept.split(",")) {
      String wanted = range.split(";")[0].trim().toLowerCase(Locale.ROOT);
      if (declared.contains(wanted)) {
        return wanted;
      }
    }
    return declared.get(0);
  }

  private Object[] bind(
      Method method, ApiOperation operation, ValidatorRequest request, InputStream bytes) {
    List<ParameterBinding> parameters = bindings.get(method);
    Object[] arguments = new Object[parameters.size()];
    for (int i = 0; i < arguments.length; i++) {
      ParameterBinding p = parameters.get(i);
      arguments[i] =
          switch (p.source()) {
            case HEADER -> convert(request.getHeaderValue(p.name()).orElse(null), p.type());
            case QUERY -> convert(first(request.getQueryParameterValues(p.name())), p.type());
            case PATH -> convert(PathParameters.value(operation, request, p.name()), p.type());
            case BODY ->
                p.type().getRawClass() == InputStream.class
                    ? bytes
                    : request.jsonBody().map(tree -> bindJson(tree, p.type())).orElse(null);
          };
    }
    return arguments;
  }

  private static String first(java.util.Collection<String> values) {
    return values.isEmpty() ? null : values.iterator().next();
  }

  private Object convert(String raw, JavaType type) {
    if (raw == null || type.getRawClass() == String.class) {
      return raw; // most parameters are strings: no conversion machinery for them
    }
    return json.convertValue(raw, type);
  }

  /**
   * The body as the generated model, from the tree the contract check parsed: no second parse of
   * the bytes.
   */
  private Object bindJson(JsonNode tree, JavaType type) {
    try {
      return json.readerFor(type).readValue(tree);
    } catch (IOException e) {
      throw new UncheckedIOException("An accepted body could not be bound to " + type, e);
    }
  }

  private byte[] write(Object value) {
    try {
      return json.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + value.getClass().getSimpleName(), e);
    }
  }
}
