package dev.remotecache.mock.internal.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.remotecache.client.model.CacheEventType;
import dev.remotecache.client.model.CacheSource;
import dev.remotecache.client.model.CachingStatus;
import dev.remotecache.mock.coverage.ContractCoverage;
import dev.remotecache.mock.internal.contract.ErrorCode;
import dev.remotecache.mock.internal.http.Answer;
import dev.remotecache.mock.internal.operations.StatefulArtifactsApi;
import dev.remotecache.mock.journal.EventFilter;
import dev.remotecache.mock.journal.MockJournal;
import dev.remotecache.mock.journal.RecordedEvent;
import dev.remotecache.mock.overrides.FaultRule;
import dev.remotecache.mock.overrides.ForcedResponse;
import dev.remotecache.mock.store.ArtifactStore;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The mock's own admin API, under {@code /__admin/remote-cache}, one small handler per route, each
 * returning an {@link Answer} (a server adapter mounts them):
 *
 * <ul>
 *   <li>{@code GET journal}: accepted event batches and rejections together; {@code DELETE
 *       journal}: forget them;
 *   <li>{@code GET events?session=&team=&source=&type=&hash=}: the accepted events, narrowed, with
 *       their count;
 *   <li>{@code GET rejections}: the rejected requests with their violations;
 *   <li>{@code GET deviations}: behind {@code --proxy}, the real server's answers that broke the
 *       spec;
 *   <li>{@code GET coverage}: the contract coverage ({@link ContractCoverage}), per operation;
 *   <li>{@code GET requests?since=N}: every answered request after the first N kept (for the live
 *       view);
 *   <li>{@code GET artifacts}: what is stored, per team (no bytes); {@code DELETE artifacts}: empty
 *       the store;
 *   <li>{@code GET status}, {@code PUT status} with {@code {"status": "disabled"}}: the caching
 *       status answer;
 *   <li>{@code GET/POST/DELETE forced-responses}: {@code {"operationId": "uploadArtifact",
 *       "status": 403, "times": 1}};
 *   <li>{@code GET/POST/DELETE faults}: {@code {"operationId": "*", "kind": "DELAY", "delayMs":
 *       500, "share": 0.5}};
 *   <li>{@code GET ui}: the live view ({@link LiveViewPage}).
 * </ul>
 */
public final class AdminApi {

  /** Where the routes live, under {@code /__admin}. */
  public static final String BASE = "/remote-cache";

  /** One call to a route: its decoded query and its body. */
  public record Call(Map<String, List<String>> query, byte[] body) {
    String first(String name) {
      List<String> values = query.get(name);
      return values == null || values.isEmpty() ? null : values.get(0);
    }
  }

  /** One route: method, path under {@code /__admin}, and what answers it. */
  public record Route(String method, String path, Function<Call, Answer> handler) {}

  private final MockJournal journal;
  private final ArtifactStore store;
  private final StatefulArtifactsApi api;
  private final OverridesAdmin overrides;
  private final ObjectMapper json;
  private final LiveViewPage liveView = new LiveViewPage();
  private Supplier<ContractCoverage> coverage = () -> null;

  public AdminApi(
      MockJournal journal,
      ArtifactStore store,
      StatefulArtifactsApi api,
      OverridesAdmin overrides,
      ObjectMapper json) {
    this.journal = journal;
    this.store = store;
    this.api = api;
    this.overrides = overrides;
    this.json = json;
  }

  /** Serves the contract coverage at {@code GET coverage}; returns this. */
  public AdminApi withCoverage(Supplier<ContractCoverage> coverage) {
    this.coverage = coverage;
    return this;
  }

  private final List<Route> routes = routes();

  private List<Route> routes() {
    return List.of(
        get("/coverage", call -> ok(coverage.get())),
        get("/journal", call -> ok(journalView())),
        get("/events", this::events),
        get(
            "/rejections",
            call ->
                ok(
                    Map.of(
                        "rejections",
                        journal.rejections(),
                        "droppedRejections",
                        journal.droppedRejections()))),
        get("/deviations", call -> ok(Map.of("deviations", journal.deviations()))),
        get("/requests", call -> ok(Map.of("requests", journal.requestsSince(since(call))))),
        route(
            "DELETE",
            "/journal",
            call -> {
              journal.reset();
              return ok(Map.of("reset", true));
            }),
        get("/artifacts", call -> ok(Map.of("artifacts", store.list()))),
        route(
            "DELETE",
            "/artifacts",
            call -> {
              store.clear();
              return ok(Map.of("reset", true));
            }),
        get("/status", call -> ok(Map.of("status", api.status()))),
        route("PUT", "/status", call -> setStatus(call.body())),
        get(
            "/forced-responses",
            call -> ok(Map.of("forcedResponses", overrides.overrides().forcedResponses()))),
        route(
            "POST",
            "/forced-responses",
            call -> set(call.body(), ForcedResponse.class, overrides::force)),
        route(
            "DELETE",
            "/forced-responses",
            call -> {
              overrides.overrides().clearForcedResponses();
              return ok(Map.of("cleared", true));
            }),
        get("/faults", call -> ok(Map.of("faults", overrides.overrides().faults()))),
        route("POST", "/faults", call -> set(call.body(), FaultRule.class, overrides::inject)),
        route(
            "DELETE",
            "/faults",
            call -> {
              overrides.overrides().clearFaults();
              return ok(Map.of("cleared", true));
            }),
        get(LiveViewPage.PATH, call -> liveView.answer()));
  }

  /**
   * Answers a call to one of the routes ({@code path} under {@code /__admin}); empty for a path
   * that is not one of them (WireMock's own admin API answers those).
   */
  public Optional<Answer> handle(
      String method, String path, Map<String, List<String>> query, byte[] body) {
    for (Route route : routes) {
      if (route.path().equals(path)
          && (route.method().equals(method)
              || "HEAD".equals(method) && "GET".equals(route.method()))) {
        Answer answer = route.handler().apply(new Call(query, body));
        return Optional.of("HEAD".equals(method) ? answer.withoutBody() : answer);
      }
    }
    return Optional.empty();
  }

  private static Route get(String path, Function<Call, Answer> handler) {
    return route("GET", path, handler);
  }

  private static Route route(String method, String path, Function<Call, Answer> handler) {
    return new Route(method, BASE + path, handler);
  }

  /**
   * The accepted events, narrowed by query parameters: {@code session}, {@code team} (teamId or
   * slug), {@code source}, {@code type}, {@code hash}. An unknown parameter or value is a 400.
   */
  private Answer events(Call call) {
    EventFilter filter = EventFilter.all();
    try {
      for (Map.Entry<String, List<String>> parameter : call.query().entrySet()) {
        String value = parameter.getValue().isEmpty() ? "" : parameter.getValue().get(0);
        filter =
            switch (parameter.getKey()) {
              case "session" -> filter.session(UUID.fromString(value));
              case "team" -> filter.team(value);
              case "source" -> filter.source(CacheSource.fromValue(value));
              case "type" -> filter.type(CacheEventType.fromValue(value));
              case "hash" -> filter.hash(value);
              default ->
                  throw new IllegalArgumentException(
                      "unknown parameter "
                          + parameter.getKey()
                          + "; use session, team, source, type, hash");
            };
      }
    } catch (IllegalArgumentException e) {
      return badRequest(
          e.getMessage()
              + " (source is one of "
              + Arrays.toString(CacheSource.values())
              + ", type one of "
              + Arrays.toString(CacheEventType.values())
              + ", session a UUID)");
    }
    List<RecordedEvent> events = journal.events(filter);
    return ok(
        Map.of("count", events.size(), "events", events, "droppedEvents", journal.droppedEvents()));
  }

  /** Reads a rule from JSON and applies it; a bad rule is a 400 that says what is wrong. */
  private <T> Answer set(byte[] body, Class<T> type, Consumer<T> apply) {
    T rule;
    try {
      rule = json.readValue(body, type);
    } catch (IOException e) {
      Throwable cause = e.getCause() instanceof IllegalArgumentException iae ? iae : e;
      return badRequest(
          "not a valid " + type.getSimpleName() + ": " + firstLine(cause.getMessage()));
    }
    try {
      apply.accept(rule);
      return ok(Map.of("set", rule));
    } catch (IllegalArgumentException e) {
      return badRequest(e.getMessage());
    }
  }

  private Answer setStatus(byte[] body) {
    try {
      JsonNode status = json.readTree(body).path("status");
      api.setStatus(CachingStatus.fromValue(status.asText()));
      return ok(Map.of("status", api.status()));
    } catch (IOException | IllegalArgumentException e) {
      return badRequest(
          "send {\"status\": one of " + Arrays.toString(CachingStatus.values()) + "}");
    }
  }

  /** The {@code since} parameter: a non-negative integer, 0 when absent or malformed. */
  private static int since(Call call) {
    try {
      String value = call.first("since");
      return value == null ? 0 : Math.max(0, Integer.parseInt(value));
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

  private static String firstLine(String text) {
    return text == null ? "" : text.lines().findFirst().orElse("");
  }

  private static Answer badRequest(String message) {
    ErrorCode code = ErrorCode.BAD_REQUEST;
    return Answer.error(code.status(), code.value(), message);
  }

  private Answer ok(Object body) {
    try {
      return Answer.json(200, json.writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write an admin answer", e);
    }
  }
}
