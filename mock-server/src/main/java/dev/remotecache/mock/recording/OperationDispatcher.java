package dev.remotecache.mock.recording;

import com.atlassian.oai.validator.model.ApiOperation;
import com.atlassian.oai.validator.model.Request;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Calls the server-stub method named by an accepted request's {@code operationId}, binding its
 * parameters the way the generated JAX-RS annotations say: headers, query and path values, and the
 * body read into the generated model types.
 *
 * <p>Only requests the validator accepted get here, so a value that cannot be bound is a bug in the
 * mock, not in the client.
 */
public final class OperationDispatcher {

    private final Object implementation;
    private final ObjectMapper json;
    private final Map<String, Method> methodsByOperationId = new HashMap<>();

    public OperationDispatcher(Class<?> stubInterface, Object implementation, ObjectMapper json) {
        if (!stubInterface.isInstance(implementation)) {
            throw new IllegalArgumentException(implementation.getClass() + " does not implement " + stubInterface);
        }
        this.implementation = implementation;
        this.json = json;
        for (Method method : stubInterface.getMethods()) {
            methodsByOperationId.put(method.getName(), method);
        }
    }

    /** True when the stub declares a method for this operation. */
    public boolean handles(ApiOperation operation) {
        return methodsByOperationId.containsKey(operation.getOperation().getOperationId());
    }

    public void dispatch(ApiOperation operation, Request request) {
        Method method = methodsByOperationId.get(operation.getOperation().getOperationId());
        if (method == null) {
            return;
        }
        Parameter[] parameters = method.getParameters();
        Object[] arguments = new Object[parameters.length];
        for (int i = 0; i < parameters.length; i++) {
            arguments[i] = bind(parameters[i], operation, request);
        }
        try {
            method.invoke(implementation, arguments);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        }
    }

    private Object bind(Parameter parameter, ApiOperation operation, Request request) {
        JavaType type = json.constructType(parameter.getParameterizedType());
        for (Annotation annotation : parameter.getAnnotations()) {
            if (annotation instanceof HeaderParam header) {
                return convert(request.getHeaderValue(header.value()).orElse(null), type);
            }
            if (annotation instanceof QueryParam query) {
                return convert(request.getQueryParameterValues(query.value()).stream().findFirst().orElse(null), type);
            }
            if (annotation instanceof PathParam path) {
                return convert(pathValue(operation, request, path.value()), type);
            }
        }
        return readBody(request, type);
    }

    private Object convert(String raw, JavaType type) {
        return raw == null ? null : json.convertValue(raw, type);
    }

    private Object readBody(Request request, JavaType type) {
        if (request.getRequestBody().isEmpty()) {
            return null;
        }
        try {
            String body = request.getRequestBody().get().toString(StandardCharsets.UTF_8);
            return type.getRawClass() == String.class ? body : json.readValue(body, type);
        } catch (IOException e) {
            throw new UncheckedIOException("An accepted body could not be bound to " + type, e);
        }
    }

    private static String pathValue(ApiOperation operation, Request request, String name) {
        String[] template = operation.getApiPath().original().split("/");
        String[] actual = request.getPath().split("/");
        for (int i = 0; i < Math.min(template.length, actual.length); i++) {
            if (template[i].equals("{" + name + "}")) {
                return java.net.URLDecoder.decode(actual[i], StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
