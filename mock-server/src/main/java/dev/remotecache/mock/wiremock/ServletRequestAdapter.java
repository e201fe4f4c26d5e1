package dev.remotecache.mock.wiremock;

import com.atlassian.oai.validator.model.Request;
import java.util.Collection;
import java.util.Collections;
import java.util.Optional;
import wiremock.jakarta.servlet.http.HttpServletRequest;

/**
 * Shows a servlet request (and its body, already read) to the validator as the validator's own
 * {@link Request}: the same view {@link WireMockRequestAdapter} gives of WireMock's request, for
 * requests answered before WireMock sees them.
 */
final class ServletRequestAdapter extends AdaptedRequest {

    private final HttpServletRequest request;

    private ServletRequestAdapter(HttpServletRequest request, Method method, byte[] body) {
        super(request.getRequestURI(), method, request.getQueryString(), body);
        this.request = request;
    }

    /** The validator's view of {@code request}, or empty for a method the validator has no name for. */
    static Optional<Request> of(HttpServletRequest request, byte[] body) {
        return methodOf(request.getMethod()).map(m -> new ServletRequestAdapter(request, m, body));
    }

    @Override
    Collection<String> headerNames() {
        return Collections.list(request.getHeaderNames());
    }

    @Override
    public Collection<String> getHeaderValues(String name) {
        return Collections.list(request.getHeaders(name));
    }
}
