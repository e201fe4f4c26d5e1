package dev.remotecache.mock.wiremock;

import com.atlassian.oai.validator.model.Body;
import com.atlassian.oai.validator.model.Request;
import dev.remotecache.mock.contract.CachedBody;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The validator's view of an HTTP request, whichever server object it is read from: path, method,
 * decoded query and the body, as one {@link CachedBody} so that every reader shares its parse.
 * Subclasses say where the headers are.
 */
abstract class AdaptedRequest implements Request {

    private final String path;
    private final Method method;
    private final Map<String, List<String>> query;
    private final byte[] body;
    private final Optional<Body> requestBody;

    /**
     * @param rawQuery the part of the URL after {@code ?}, still %-encoded ({@code null} for none)
     * @param body the raw body, empty for none
     */
    AdaptedRequest(String path, Method method, String rawQuery, byte[] body) {
        this.path = path;
        this.method = method;
        this.query = QueryString.parse(rawQuery);
        this.body = body;
        this.requestBody = body.length == 0 ? Optional.empty() : Optional.of(new CachedBody(body));
    }

    /** The validator's name for an HTTP method, or empty for one it has no name for. */
    static Optional<Method> methodOf(String name) {
        try {
            return Optional.of(Method.valueOf(name.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
    }

    /** The names of the headers sent, each once. */
    abstract Collection<String> headerNames();

    @Override
    public String getPath() {
        return path;
    }

    @Override
    public Method getMethod() {
        return method;
    }

    @Override
    @Deprecated
    public Optional<String> getBody() {
        return body.length == 0 ? Optional.empty() : Optional.of(new String(body, StandardCharsets.UTF_8));
    }

    @Override
    public Optional<Body> getRequestBody() {
        return requestBody;
    }

    @Override
    public Collection<String> getQueryParameters() {
        return query.keySet();
    }

    @Override
    public Collection<String> getQueryParameterValues(String name) {
        return query.getOrDefault(name, List.of());
    }

    @Override
    public Map<String, Collection<String>> getHeaders() {
        Map<String, Collection<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String name : headerNames()) {
            headers.put(name, getHeaderValues(name));
        }
        return headers;
    }
}
