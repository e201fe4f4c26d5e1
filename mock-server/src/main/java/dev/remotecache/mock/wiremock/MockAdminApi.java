package dev.remotecache.mock.wiremock;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.admin.Router;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.AdminApiExtension;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import dev.remotecache.mock.journal.MockJournal;
import dev.remotecache.mock.operations.StatefulArtifactsApi;
import dev.remotecache.mock.store.ArtifactStore;
import dev.remotecache.mock.overrides.FaultRule;
import dev.remotecache.mock.overrides.ForcedResponse;
import dev.remotecache.mock.journal.EventFilter;
import dev.remotecache.mock.journal.RecordedEvent;
import dev.remotecache.mock.stub.model.CacheEventType;
import dev.remotecache.mock.stub.model.CacheSource;
import dev.remotecache.mock.stub.model.CachingStatus;
import java.util.List;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The mock's own admin API, next to WireMock's, under {@code /__admin/remote-cache}:
 * <ul>
 *   <li>{@code GET journal}: accepted event batches and rejections together; {@code DELETE journal}: forget them;</li>
 *   <li>{@code GET events?session=&team=&source=&type=&hash=}: the accepted events, narrowed, with their count;</li>
 *   <li>{@code GET rejections}: the rejected requests with their violations;</li>
 *   <li>{@code GET deviations}: behind {@code --proxy}, the real server's answers that broke the spec;</li>
 *   <li>{@code GET requests?since=N}: every answered request after the first N kept (for the live view);</li>
 *   <li>{@code GET artifacts}: what is stored, per team (no bytes); {@code DELETE artifacts}: empty the store;</li>
 *   <li>{@code GET status}, {@code PUT status} with {@code {"status": "disabled"}}: the caching status answer;</li>
 *   <li>{@code GET/POST/DELETE forced-responses}: {@code {"operationId": "uploadArtifact", "status": 403, "times": 1}};</li>
 *   <li>{@code GET/POST/DELETE faults}: {@code {"operationId": "*", "kind": "DELAY", "delayMs": 500, "share": 0.5}}.</li>
 * </ul>
 */
final class MockAdminApi implements AdminApiExtension {

    static final String BASE = "/remote-cache";

    private final MockJournal journal;
    private final ArtifactStore store;
    private final StatefulArtifactsApi api;
    private final OverridesAdmin overrides;
    private final ObjectMapper json;

    MockAdminApi(MockJournal journal, ArtifactStore store, StatefulArtifactsApi api, OverridesAdmin overrides,
                 ObjectMapper json) {
        this.journal = journal;
        this.store = store;
        this.api = api;
        this.overrides = overrides;
        this.json = json;
    }

    @Override
    public String getName() {
        return "remote-cache-admin";
    }

    @Override
    public void contributeAdminApiRoutes(Router router) {
        router.add(RequestMethod.GET, BASE + "/journal", (admin, event, params) -> ok(journalView()));
        router.add(RequestMethod.GET, BASE + "/events", (admin, event, params) -> events(event.getRequest()));
        router.add(RequestMethod.GET, BASE + "/rejections", (admin, event, params) ->
                ok(Map.of("rejections", journal.rejections())));
        router.add(RequestMethod.GET, BASE + "/deviations", (admin, event, params) ->
                ok(Map.of("deviations", journal.deviations())));
        router.add(RequestMethod.GET, BASE + "/requests", (admin, event, params) ->
                ok(Map.of("requests", journal.requestsSince(intParam(event, "since")))));
        router.add(RequestMethod.DELETE, BASE + "/journal", (admin, event, params) -> {
            journal.reset();
            return ok(Map.of("reset", true));
        });
        router.add(RequestMethod.GET, BASE + "/artifacts", (admin, event, params) ->
                ok(Map.of("artifacts", store.list())));
        router.add(RequestMethod.DELETE, BASE + "/artifacts", (admin, event, params) -> {
            store.clear();
            return ok(Map.of("reset", true));
        });
        router.add(RequestMethod.GET, BASE + "/status", (admin, event, params) -> ok(Map.of("status", api.status())));
        router.add(RequestMethod.GET, BASE + "/forced-responses", (admin, event, params) ->
                ok(Map.of("forcedResponses", overrides.overrides().forcedResponses())));
        router.add(RequestMethod.POST, BASE + "/forced-responses", (admin, event, params) ->
                set(event.getRequest().getBody(), ForcedResponse.class, overrides::force));
        router.add(RequestMethod.GET, BASE + "/faults", (admin, event, params) ->
                ok(Map.of("faults", overrides.overrides().faults())));
        router.add(RequestMethod.POST, BASE + "/faults", (admin, event, params) ->
                set(event.getRequest().getBody(), FaultRule.class, overrides::inject));
        router.add(RequestMethod.DELETE, BASE + "/forced-responses", (admin, event, params) -> {
            overrides.overrides().clearForcedResponses();
            return ok(Map.of("cleared", true));
        });
        router.add(RequestMethod.DELETE, BASE + "/faults", (admin, event, params) -> {
            overrides.overrides().clearFaults();
            return ok(Map.of("cleared", true));
        });
        router.add(RequestMethod.PUT, BASE + "/status", (admin, event, params) -> setStatus(event.getRequest().getBody()));
    }

    /**
     * The accepted events, narrowed by query parameters: {@code session}, {@code team} (teamId or
     * slug), {@code source}, {@code type}, {@code hash}. An unknown parameter or value is a 400.
     */
    private ResponseDefinition events(com.github.tomakehurst.wiremock.http.Request request) {
        EventFilter filter = EventFilter.all();
        try {
            for (String name : queryNames(request.getUrl())) {
                String value = request.queryParameter(name).firstValue();
                filter = switch (name) {
                    case "session" -> filter.session(java.util.UUID.fromString(value));
                    case "team" -> filter.team(value);
                    case "source" -> filter.source(CacheSource.fromValue(value));
                    case "type" -> filter.type(CacheEventType.fromValue(value));
                    case "hash" -> filter.hash(value);
                    default -> throw new IllegalArgumentException("unknown parameter " + name
                            + "; use session, team, source " + Arrays.toString(CacheSource.values())
                            + ", type " + Arrays.toString(CacheEventType.values()) + ", hash");
                };
            }
        } catch (IllegalArgumentException e) {
            return respond(400, Map.of("error", Map.of("code", "bad_request", "message", e.getMessage()
                    + " (source is one of " + Arrays.toString(CacheSource.values()) + ", type one of "
                    + Arrays.toString(CacheEventType.values()) + ", session a UUID)")));
        }
        List<RecordedEvent> events = journal.events(filter);
        return ok(Map.of("count", events.size(), "events", events, "droppedEvents", journal.droppedEvents()));
    }

    private static List<String> queryNames(String url) {
        int q = url.indexOf('?');
        if (q < 0) {
            return List.of();
        }
        return Arrays.stream(url.substring(q + 1).split("&")).filter(p -> !p.isEmpty())
                .map(p -> java.net.URLDecoder.decode(p.split("=", 2)[0], java.nio.charset.StandardCharsets.UTF_8))
                .distinct().toList();
    }

    /** Reads a rule from JSON and applies it; a bad rule is a 400 that says what is wrong. */
    private <T> ResponseDefinition set(byte[] body, Class<T> type, java.util.function.Consumer<T> apply) {
        T rule;
        try {
            rule = json.readValue(body, type);
        } catch (IOException e) {
            Throwable cause = e.getCause() instanceof IllegalArgumentException iae ? iae : e;
            return respond(400, Map.of("error", Map.of("code", "bad_request",
                    "message", "not a valid " + type.getSimpleName() + ": " + firstLine(cause.getMessage()))));
        }
        try {
            apply.accept(rule);
            return ok(Map.of("set", rule));
        } catch (IllegalArgumentException e) {
            return respond(400, Map.of("error", Map.of("code", "bad_request", "message", e.getMessage())));
        }
    }

    private static String firstLine(String text) {
        return text == null ? "" : text.lines().findFirst().orElse("");
    }

    private ResponseDefinition setStatus(byte[] body) {
        try {
            JsonNode status = json.readTree(body).path("status");
            api.setStatus(CachingStatus.fromValue(status.asText()));
            return ok(Map.of("status", api.status()));
        } catch (IOException | IllegalArgumentException e) {
            return respond(400, Map.of("error", Map.of("code", "bad_request",
                    "message", "send {\"status\": one of " + Arrays.toString(CachingStatus.values()) + "}")));
        }
    }

    /** A non-negative integer query parameter, 0 when absent or malformed. */
    private static int intParam(com.github.tomakehurst.wiremock.stubbing.ServeEvent event, String name) {
        com.github.tomakehurst.wiremock.http.QueryParameter p = event.getRequest().queryParameter(name);
        try {
            return p.isPresent() ? Math.max(0, Integer.parseInt(p.firstValue())) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private Map<String, Object> journalView() {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("eventCount", journal.events().size());
        view.put("batches", journal.batches());
        view.put("rejections", journal.rejections());
        view.put("limit", journal.limit());
        view.put("droppedEvents", journal.droppedEvents());
        view.put("droppedRejections", journal.droppedRejections());
        return view;
    }

    private ResponseDefinition ok(Object body) {
        return respond(200, body);
    }

    private ResponseDefinition respond(int status, Object body) {
        try {
            return ResponseDefinitionBuilder.responseDefinition()
                    .withStatus(status)
                    .withHeader("Content-Type", "application/json")
                    .withBody(json.writeValueAsString(body))
                    .build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an admin answer", e);
        }
    }
}
