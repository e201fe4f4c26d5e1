package dev.remotecache.mock.wiremock;

import com.atlassian.oai.validator.model.Request;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Shows a WireMock request to the validator as the validator's own {@link Request}.
 *
 * <p>Atlassian's adapter targets WireMock 2; this one reads WireMock 3's request directly, without
 * copying the body.
 */
final class WireMockRequestAdapter extends AdaptedRequest {

    private final com.github.tomakehurst.wiremock.http.Request request;

    private WireMockRequestAdapter(com.github.tomakehurst.wiremock.http.Request request, Method method) {
        super(pathOf(request.getUrl()), method, queryOf(request.getUrl()),
                request.getBody() == null ? new byte[0] : request.getBody());
        this.request = request;
    }

    /** The validator's view of {@code request}, or empty for a method the validator has no name for. */
    static Optional<Request> of(com.github.tomakehurst.wiremock.http.Request request) {
        return methodOf(request.getMethod().getName()).map(m -> new WireMockRequestAdapter(request, m));
    }

    private static String pathOf(String url) {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }

    private static String queryOf(String url) {
        int q = url.indexOf('?');
        return q < 0 ? null : url.substring(q + 1);
    }

    @Override
    Collection<String> headerNames() {
        return request.getAllHeaderKeys();
    }

    @Override
    public Collection<String> getHeaderValues(String name) {
        HttpHeader header = request.header(name);
        return header == null || !header.isPresent() ? List.of() : header.values();
    }
}
