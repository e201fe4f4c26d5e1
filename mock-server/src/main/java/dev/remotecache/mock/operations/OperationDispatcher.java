package dev.remotecache.mock.operations;

import com.atlassian.oai.validator.model.ApiOperation;
import com.atlassian.oai.validator.model.Request;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.remotecache.mock.contract.PathParameters;
import dev.remotecache.mock.stub.model.ErrorDetail;
import dev.remotecache.mock.stub.model.ErrorResponse;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.responses.ApiResponse;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Runs an accepted request through the server stub generated from the spec (a JAX-RS interface)
 * and turns what the implementation returns into the spec's answer.
 *
 * <ul>
 *   <li>parameters are bound the way the generated annotations say: headers, query and path
 *       values, and the body read into the generated model types (or an InputStream for bytes);</li>
 *   <li>the status is the operation's success status from the spec; the body is the returned model
 *       as JSON, or the returned bytes in the media type the client's {@code Accept} prefers among
 *       those the spec declares;</li>
 *   <li>an {@link ApiProblem} becomes the documented error answer.</li>
 * </ul>
 *
 * <p>Only requests the validator accepted get here, so a value that cannot be bound is a bug in the
 * mock, not in the client.
 */
public final class OperationDispatcher {

    private static final Set<String> ALWAYS_ALLOWED_HEADERS = Set.of("content-type", "content-length");

    private final Object implementation;
    private final ObjectMapper json;
    private final Map<String, Method> methodsByOperationId = new HashMap<>();
    /** How to fill each parameter of each method, read once from the annotations (not per request). */
    private final Map<Method, List<ParameterBinding>> bindings = new HashMap<>();

    public OperationDispatcher(Class<?> stubInterface, Object implementation, ObjectMapper json) {
        if (!stubInterface.isInstance(implementation)) {
            throw new IllegalArgumentException(implementation.getClass() + " does not implement " + stubInterface);
        }
        this.implementation = implementation;
        this.json = json;
        for (Method method : stubInterface.getMethods()) {
            methodsByOperationId.put(method.getName(), method);
            bindings.put(method, bindingsOf(method));
        }
    }

    /** Where one parameter's value comes from: a header, the query, the path, or (none of those) the body. */
    private record ParameterBinding(Source source, String name, JavaType type) { }

    private enum Source { HEADER, QUERY, PATH, BODY }

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

    /** The operation ids the stub implements (every operation of the spec it was generated from). */
    public Set<String> operationIds() {
        return new TreeSet<>(methodsByOperationId.keySet());
    }

    /**
     * @param body the raw request body (empty for none)
     * @param baseUrl {@code http://host:port} as the client addressed the server
     */
    public OperationResult dispatch(ApiOperation operation, Request request, byte[] body, String baseUrl) {
        Operation spec = operation.getOperation();
        Method method = methodsByOperationId.get(spec.getOperationId());
        if (method == null) {
            throw new IllegalStateException("the server stub has no method for operation " + spec.getOperationId());
        }
        OperationContext context = new OperationContext(baseUrl);
        OperationContext.open(context);
        try {
            Object[] arguments = bind(method, operation, request, body);
            Object returned = invoke(method, arguments);
            return success(spec, request, returned, context);
        } catch (ApiProblem problem) {
            return failure(spec, request, problem);
        } finally {
            OperationContext.close();
        }
    }

    private Object invoke(Method method, Object[] arguments) {
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

    private OperationResult success(Operation spec, Request request, Object returned, OperationContext context) {
        Map.Entry<String, ApiResponse> declared = successResponse(spec);
        ApiResponse response = declared.getValue();
        Map<String, String> headers = new LinkedHashMap<>();
        context.responseHeaders().forEach((name, value) -> {
            if (!isDeclared(response, name)) {
                throw new IllegalStateException(spec.getOperationId() + " sets header " + name
                        + " that the spec does not declare for " + declared.getKey());
            }
            headers.put(name, value);
        });
        byte[] body = new byte[0];
        if (returned instanceof InputStream stream) {
            headers.put("Content-Type", negotiate(response.getContent(), request));
            body = readAll(stream);
            headers.put("Content-Length", String.valueOf(body.length));
        } else if (returned != null) {
            headers.put("Content-Type", "application/json");
            body = write(returned);
        }
        return new OperationResult(Integer.parseInt(declared.getKey()), headers, body);
    }

    /** The operation's success response: its lowest 2xx (the spec's lint test guarantees there is one). */
    public static Map.Entry<String, ApiResponse> successResponse(Operation spec) {
        return spec.getResponses().entrySet().stream()
                .filter(e -> e.getKey().startsWith("2"))
                .min(Map.Entry.comparingByKey())
                .orElseThrow(() -> new IllegalStateException(spec.getOperationId() + " declares no success response"));
    }

    private OperationResult failure(Operation spec, Request request, ApiProblem problem) {
        ApiResponse response = spec.getResponses().get(String.valueOf(problem.status()));
        if (response == null) {
            throw new IllegalStateException(spec.getOperationId() + " answered " + problem.status()
                    + ", which the spec does not declare");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        byte[] body = new byte[0];
        if (response.getContent() != null && request.getMethod() != Request.Method.HEAD) {
            headers.put("Content-Type", "application/json");
            // No violations: the request met the contract; the answer is a documented outcome.
            body = write(new ErrorResponse(new ErrorDetail(problem.code(), problem.getMessage()).violations(null)));
        }
        return new OperationResult(problem.status(), headers, body);
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
        List<String> declared = content == null ? List.of("application/octet-stream")
                : new ArrayList<>(content.keySet());
        String accept = request.getHeaderValue("Accept").orElse("*/*");
        for (String range : accept.split(",")) {
            String wanted = range.split(";")[0].trim().toLowerCase(Locale.ROOT);
            if (declared.contains(wanted)) {
                return wanted;
            }
        }
        return declared.get(0);
    }

    private Object[] bind(Method method, ApiOperation operation, Request request, byte[] body) {
        List<ParameterBinding> parameters = bindings.get(method);
        Object[] arguments = new Object[parameters.size()];
        for (int i = 0; i < arguments.length; i++) {
            ParameterBinding p = parameters.get(i);
            arguments[i] = switch (p.source()) {
                case HEADER -> convert(request.getHeaderValue(p.name()).orElse(null), p.type());
                case QUERY -> convert(request.getQueryParameterValues(p.name()).stream().findFirst().orElse(null),
                        p.type());
                case PATH -> convert(PathParameters.value(operation, request, p.name()), p.type());
                case BODY -> readBody(body, p.type());
            };
        }
        return arguments;
    }

    private Object convert(String raw, JavaType type) {
        if (raw == null || type.getRawClass() == String.class) {
            return raw; // most parameters are strings: no conversion machinery for them
        }
        return json.convertValue(raw, type);
    }

    private Object readBody(byte[] body, JavaType type) {
        if (type.getRawClass() == InputStream.class) {
            return new ByteArrayInputStream(body);
        }
        if (body.length == 0) {
            return null;
        }
        try {
            return json.readValue(body, type);
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

    private static byte[] readAll(InputStream stream) {
        try (stream) {
            return stream.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
