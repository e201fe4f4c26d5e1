package dev.remotecache.mock.wiremock;

import com.atlassian.oai.validator.model.Body;
import com.atlassian.oai.validator.model.Request;
import dev.remotecache.mock.contract.CachedBody;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Shows a WireMock request to the validator as the validator's own {@link Request}.
 *
 * <p>Atlassian's adapter targets WireMock 2; this one reads WireMock 3's request directly, without
 * copying the body.
 */
public final class WireMockRequestAdapter implements Request {

    private final com.github.tomakehurst.wiremock.http.Request request;
    private final Method method;
    private final String path;
    private final Map<String, List<String>> query;
    private Optional<Body> requestBody;

    private WireMockRequestAdapter(com.github.tomakehurst.wiremock.http.Request request, Method method) {
        this.request = request;
        this.method = method;
        String url = request.getUrl();
        int q = url.indexOf('?');
        this.path = q < 0 ? url : url.substring(0, q);
        this.query = QueryString.parse(q < 0 ? "" : url.substring(q + 1));
    }

    /** The validator's view of {@code request}, or empty for a method the validator has no name for. */
    public static Optional<Request> of(com.github.tomakehurst.wiremock.http.Request request) {
        return methodOf(request.getMethod().getName()).map(m -> new WireMockRequestAdapter(request, m));
    }

    private static Optional<Method> methodOf(String name) {
        try {
            return Optional.of(Method.valueOf(name.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
    }

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
        byte[] body = request.getBody();
        return body == null || body.length == 0 ? Optional.empty() : Optional.of(request.getBodyAsString());
    }

    @Override
    public Optional<Body> getRequestBody() {
        if (requestBody == null) { // one instance, so the validator and the mock's own checks share its parse
            byte[] body = request.getBody();
            requestBody = body == null || body.length == 0 ? Optional.empty() : Optional.of(new CachedBody(body));
        }
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
        for (HttpHeader header : request.getHeaders().all()) {
            headers.put(header.key(), header.values());
        }
        return headers;
    }

    @Override
    public Collection<String> getHeaderValues(String name) {
        HttpHeader header = request.header(name);
        return header == null || !header.isPresent() ? List.of() : header.values();
    }
}
