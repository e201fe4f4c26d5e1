package dev.remotecache.mock.wiremock;

import com.atlassian.oai.validator.model.Body;
import com.atlassian.oai.validator.model.Request;
import dev.remotecache.mock.contract.CachedBody;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import wiremock.jakarta.servlet.http.HttpServletRequest;

/**
 * Shows a servlet request (and its body, already read) to the validator as the validator's own
 * {@link Request}: the same view {@link WireMockRequestAdapter} gives of WireMock's request, for
 * requests answered before WireMock sees them.
 */
final class ServletRequestAdapter implements Request {

    private final HttpServletRequest request;
    private final Method method;
    private final byte[] body;
    /** One instance, so the validator and the mock's own checks share its parse. */
    private final Optional<Body> requestBody;
    private final Map<String, List<String>> query;

    private ServletRequestAdapter(HttpServletRequest request, Method method, byte[] body) {
        this.request = request;
        this.method = method;
        this.body = body;
        this.requestBody = body.length == 0 ? Optional.empty() : Optional.of(new CachedBody(body));
        this.query = QueryString.parse(request.getQueryString());
    }

    /** The validator's view of {@code request}, or empty for a method the validator has no name for. */
    static Optional<Request> of(HttpServletRequest request, byte[] body) {
        try {
            Method method = Method.valueOf(request.getMethod().toUpperCase(Locale.ROOT));
            return Optional.of(new ServletRequestAdapter(request, method, body));
        } catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
    }

    @Override
    public String getPath() {
        return request.getRequestURI();
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
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.put(name, getHeaderValues(name));
        }
        return headers;
    }

    @Override
    public Collection<String> getHeaderValues(String name) {
        return Collections.list(request.getHeaders(name));
    }
}
