package dev.remotecache.mock;

import static dev.remotecache.mock.Http.EVENTS;
import static dev.remotecache.mock.Http.VALID_EVENT;
import static dev.remotecache.mock.Http.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.remotecache.mock.journal.RequestRecord;
import dev.remotecache.mock.junit.RemoteCacheMockExtension;
import dev.remotecache.mock.overrides.FaultRule;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Most API requests are answered in front of WireMock; while a fault is injected they go through
 * WireMock's request filter instead. Both ways must give the same answers and the same journal.
 */
class AnswerPathsTest {

    @RegisterExtension
    static RemoteCacheMockExtension mock = new RemoteCacheMockExtension();

    /**
     * Headers whose value is part of the answer (Date and the like are not). Framing may differ:
     * WireMock streams its answers chunked, the direct way sends a Content-Length; the bodies compare.
     */
    private static final List<String> COMPARED_HEADERS = List.of("content-type", "www-authenticate", "allow",
            "x-artifact-duration", "x-artifact-tag");

    @BeforeEach
    void reset() {
        mock.reset();
    }

    private static List<Supplier<HttpRequest.Builder>> requests() {
        String base = mock.baseUrl();
        return List.of(
                () -> Http.authorizedPost(base, EVENTS + "?slug=team", "[" + VALID_EVENT + "]"),
                () -> Http.authorizedPost(base, EVENTS, "[" + VALID_EVENT.replace("REMOTE", "remote") + "]"),
                () -> Http.authorizedPost(base, EVENTS, "[" + VALID_EVENT + "] trailing"),
                () -> Http.post(base, EVENTS, "[" + VALID_EVENT + "]"),
                () -> Http.authorizedPost(base, EVENTS, "[]").header("x-artifact-client-interactive", "7"),
                () -> Http.authorizedPost(base, "/v8/artifacts/nope", "[]"),
                () -> HttpRequest.newBuilder(URI.create(base + EVENTS)).header("Authorization", "Bearer t")
                        .DELETE(),
                () -> HttpRequest.newBuilder(URI.create(base + "/v8/artifacts/abc123"))
                        .header("Authorization", "Bearer t").header("Content-Type", "application/octet-stream")
                        .header("x-artifact-duration", "42")
                        .PUT(HttpRequest.BodyPublishers.ofString("artifact bytes")),
                () -> HttpRequest.newBuilder(URI.create(base + "/v8/artifacts/abc123"))
                        .header("Authorization", "Bearer t").GET(),
                () -> HttpRequest.newBuilder(URI.create(base + "/v8/artifacts/abc123"))
                        .header("Authorization", "Bearer t").method("HEAD", HttpRequest.BodyPublishers.noBody()),
                () -> HttpRequest.newBuilder(URI.create(base + "/v8/artifacts/missing1"))
                        .header("Authorization", "Bearer t").method("HEAD", HttpRequest.BodyPublishers.noBody()),
                () -> HttpRequest.newBuilder(URI.create(base + "/v8/artifacts/status"))
                        .header("Authorization", "Bearer t").header("Prefer", "code=402").GET());
    }

    /** {@code chunked}: whether the answer came chunked, which tells which way it took (see above). */
    private record Seen(int status, Map<String, List<String>> headers, String body, boolean chunked) {
        boolean sameAnswer(Seen other) {
            return status == other.status && headers.equals(other.headers) && body.equals(other.body);
        }
    }

    private static List<Seen> sendAll() {
        List<Seen> seen = new ArrayList<>();
        for (Supplier<HttpRequest.Builder> request : requests()) {
            HttpResponse<String> response = send(request.get());
            Map<String, List<String>> headers = new TreeMap<>();
            response.headers().map().forEach((name, values) -> {
                if (COMPARED_HEADERS.contains(name.toLowerCase())) {
                    headers.put(name.toLowerCase(), values);
                }
            });
            seen.add(new Seen(response.statusCode(), headers, response.body(),
                    response.headers().firstValue("Transfer-Encoding").isPresent()));
        }
        return seen;
    }

    /** The journal without its timestamps and durations. */
    private static List<String> journal() {
        return mock.mock().journal().requests().stream()
                .map((RequestRecord r) -> r.method() + " " + r.url() + " " + r.operationId() + " " + r.status() + " "
                        + r.accepted() + " " + r.violations() + " " + r.summary())
                .toList();
    }

    @Test
    void answersInFrontOfWireMockAndThroughItAreTheSame() {
        List<Seen> direct = sendAll();
        List<String> directJournal = journal();
        int directRejections = mock.rejections().size();
        int directEvents = mock.events().size();

        mock.reset();
        // A fault for an operation none of the requests calls: every request now goes through WireMock.
        mock.injectFault(FaultRule.delay("deleteAllArtifacts", 1));
        List<Seen> throughWireMock = sendAll();

        for (int i = 0; i < direct.size(); i++) {
            assertTrue(direct.get(i).sameAnswer(throughWireMock.get(i)),
                    "request #" + i + " answered differently: " + direct.get(i) + " vs " + throughWireMock.get(i));
        }
        assertFalse(direct.get(0).chunked(), "answered in front of WireMock");
        assertTrue(throughWireMock.get(0).chunked(), "answered by WireMock");
        assertEquals(directJournal, journal());
        assertEquals(directRejections, mock.rejections().size());
        assertEquals(directEvents, mock.events().size());
        assertEquals(1, directEvents, "the one valid event is recorded");
    }
}
