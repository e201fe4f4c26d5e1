package dev.remotecache.mock.proxy;

import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import dev.remotecache.mock.contract.ApiContract;
import dev.remotecache.mock.operations.OperationResult;
import dev.remotecache.mock.stub.model.Violation;
import dev.remotecache.mock.stub.model.ViolationLocation;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Forwards a request to a real Remote Cache server and checks the server's answer against the
 * spec (status, headers, body schema), reporting each departure as a {@link Violation} in the same
 * format as the mock's own.
 */
public final class ValidatingProxy {

    /** Hop-by-hop and framing headers: the proxy's own HTTP client sets them. */
    private static final Set<String> NOT_FORWARDED = Set.of("host", "connection", "content-length",
            "transfer-encoding", "keep-alive", "upgrade", "proxy-connection", "te", "trailer", "expect");

    private final URI target;
    private final ApiContract contract;
    private final HttpClient http;

    public ValidatingProxy(URI target, ApiContract contract, Duration timeout) {
        String base = target.toString();
        this.target = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
        this.contract = contract;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public URI target() {
        return target;
    }

    /** What the real server answered, and where that answer breaks the spec. */
    public record Forwarded(OperationResult answer, List<Violation> violations) { }

    /**
     * @param pathAndQuery the request's path and query as received (appended to the target's base path)
     * @throws IOException when the server cannot be reached or does not answer
     */
    public Forwarded forward(Request request, String pathAndQuery, byte[] body) throws IOException, InterruptedException {
        HttpRequest.Builder out = HttpRequest.newBuilder(URI.create(target + pathAndQuery)).timeout(Duration.ofSeconds(60));
        request.getHeaders().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(v -> out.header(name, v));
            }
        });
        out.method(request.getMethod().name(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body));
        HttpResponse<byte[]> response = http.send(out.build(), HttpResponse.BodyHandlers.ofByteArray());

        Map<String, String> headers = new LinkedHashMap<>();
        SimpleResponse.Builder checked = SimpleResponse.Builder.status(response.statusCode());
        response.headers().map().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                headers.put(name, String.join(", ", values));
                checked.withHeader(name, values);
            }
        });
        if (response.body().length > 0) {
            checked.withBody(response.body());
        }
        ValidationReport report = contract.validateResponse(request.getPath(), request.getMethod(), checked.build());
        return new Forwarded(new OperationResult(response.statusCode(), headers, response.body()), violations(report));
    }

    private static List<Violation> violations(ValidationReport report) {
        List<Violation> violations = new ArrayList<>();
        for (ValidationReport.Message m : report.getMessages()) {
            if (m.getLevel() != ValidationReport.Level.ERROR) {
                continue;
            }
            String key = m.getKey();
            String at = m.getContext().flatMap(ValidationReport.MessageContext::getPointers)
                    .map(ValidationReport.MessageContext.Pointers::getInstance).orElse("");
            ViolationLocation in = key.contains(".header") ? ViolationLocation.HEADER : ViolationLocation.BODY;
            violations.add(new Violation(in, key.substring(key.lastIndexOf('.') + 1), "the server's answer: "
                    + m.getMessage()).at(at.startsWith("$") ? at.substring(1) : at));
        }
        return violations;
    }
}
