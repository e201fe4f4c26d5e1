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
import dev.remotecache.mock.stub.model.CachingStatus;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The mock's own admin API, next to WireMock's, under {@code /__admin/remote-cache}:
 * <ul>
 *   <li>{@code GET journal}: accepted event batches and rejections together; {@code DELETE journal}: forget them;</li>
 *   <li>{@code GET events}, {@code GET rejections}: each part alone;</li>
 *   <li>{@code GET requests?since=N}: every answered request after the first N kept (for the live view);</li>
 *   <li>{@code GET artifacts}: what is stored, per team (no bytes); {@code DELETE artifacts}: empty the store;</li>
 *   <li>{@code GET status}, {@code PUT status} with {@code {"status": "disabled"}}: the caching status answer.</li>
 * </ul>
 */
final class MockAdminApi implements AdminApiExtension {

    static final String BASE = "/remote-cache";

    private final MockJournal journal;
    private final ArtifactStore store;
    private final StatefulArtifactsApi api;
    private final ObjectMapper json;

    MockAdminApi(MockJournal journal, ArtifactStore store, StatefulArtifactsApi api, ObjectMapper json) {
        this.journal = journal;
        this.store = store;
        this.api = api;
        this.json = json;
    }

    @Override
    public String getName() {
        return "remote-cache-admin";
    }

    @Override
    public void contributeAdminApiRoutes(Router router) {
        router.add(RequestMethod.GET, BASE + "/journal", (admin, event, params) -> ok(journalView()));
        router.add(RequestMethod.GET, BASE + "/events", (admin, event, params) ->
                ok(Map.of("eventCount", journal.events().size(), "batches", journal.batches())));
        router.add(RequestMethod.GET, BASE + "/rejections", (admin, event, params) ->
                ok(Map.of("rejections", journal.rejections())));
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
        router.add(RequestMethod.PUT, BASE + "/status", (admin, event, params) -> setStatus(event.getRequest().getBody()));
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
