package dev.remotecache.mock.wiremock;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.admin.Router;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.AdminApiExtension;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import dev.remotecache.mock.journal.MockJournal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The journal over HTTP, next to WireMock's own admin API:
 * <ul>
 *   <li>{@code GET /__admin/remote-cache/journal}: accepted batches and rejections together;</li>
 *   <li>{@code GET /__admin/remote-cache/events}: the accepted event batches;</li>
 *   <li>{@code GET /__admin/remote-cache/rejections}: the rejected requests with their violations;</li>
 *   <li>{@code DELETE /__admin/remote-cache/journal}: forget everything.</li>
 * </ul>
 */
final class JournalAdminApi implements AdminApiExtension {

    static final String BASE = "/remote-cache";

    private final MockJournal journal;
    private final ObjectMapper json;

    JournalAdminApi(MockJournal journal, ObjectMapper json) {
        this.journal = journal;
        this.json = json;
    }

    @Override
    public String getName() {
        return "remote-cache-journal";
    }

    @Override
    public void contributeAdminApiRoutes(Router router) {
        router.add(RequestMethod.GET, BASE + "/journal", (admin, event, params) -> ok(journalView()));
        router.add(RequestMethod.GET, BASE + "/events", (admin, event, params) ->
                ok(Map.of("eventCount", journal.events().size(), "batches", journal.batches())));
        router.add(RequestMethod.GET, BASE + "/rejections", (admin, event, params) ->
                ok(Map.of("rejections", journal.rejections())));
        router.add(RequestMethod.DELETE, BASE + "/journal", (admin, event, params) -> {
            journal.reset();
            return ok(Map.of("reset", true));
        });
    }

    private Map<String, Object> journalView() {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("eventCount", journal.events().size());
        view.put("batches", journal.batches());
        view.put("rejections", journal.rejections());
        return view;
    }

    private ResponseDefinition ok(Object body) {
        try {
            return ResponseDefinitionBuilder.responseDefinition()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody(json.writeValueAsString(body))
                    .build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the journal", e);
        }
    }
}
