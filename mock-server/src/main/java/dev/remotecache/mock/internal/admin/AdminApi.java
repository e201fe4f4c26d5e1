package dev.remotecache.mock.internal.admin;

import com.atlassian.oai.validator.model.Request;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.remotecache.client.model.CacheEventType;
import dev.remotecache.client.model.CacheSource;
import dev.remotecache.client.model.CachingStatus;
import dev.remotecache.client.model.Violation;
import dev.remotecache.client.model.ViolationLocation;
import dev.remotecache.contract.core.ApiContract;
import dev.remotecache.mock.coverage.ContractCoverage;
import dev.remotecache.mock.internal.contract.BearerTokens;
import dev.remotecache.mock.internal.contract.ContractCheck;
import dev.remotecache.mock.internal.contract.RequestVerdict;
import dev.remotecache.mock.internal.contract.ValidatorRequest;
import dev.remotecache.mock.internal.contract.ViolationRule;
import dev.remotecache.mock.internal.contract.Violations;
import dev.remotecache.mock.internal.http.Answer;
import dev.remotecache.mock.internal.http.ApiRequest;
import dev.remotecache.mock.internal.operations.StatefulArtifactsApi;
import dev.remotecache.mock.internal.pipeline.RejectionAnswers;
import dev.remotecache.mock.journal.EventFilter;
import dev.remotecache.mock.journal.MockJournal;
import dev.remotecache.mock.journal.RecordedEvent;
import dev.remotecache.mock.overrides.FaultRule;
import dev.remotecache.mock.overrides.ForcedResponse;
import dev.remotecache.mock.store.ArtifactStore;
import dev.remotecache.openapi.RemoteCacheAdminSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The mock's own admin API, under {@code /__admin/remote-cache} (and {@code /__admin/shutdown}),
 * one small handler per route, each returning an {@link Answer} (a server adapter mounts them). The
 * routes, their parameters, bodies and answers are those of the admin API's OpenAPI document,
 * {@code remote-cache-admin.yaml}: every call is checked against it by the same validator as the
 * API's requests ({@link ContractCheck}) before its handler runs, and refused in the API's error
 * shape when it breaks it. {@link #routes()} is the table a test holds to the document.
 */
public final class AdminApi {

  /** Where the routes live, under {@code /__admin}. */
  public static final String BASE = "/remote-cache";

  /** {@code POST /__admin/shutdown}: answered here, then the server adapter stops the mock. */
  public static final String SHUTDOWN = "/shutdown";

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
  private final ApiContract adminContract;
  private final ContractCheck check;
  private final LiveViewPage liveView = new LiveViewPage();
  private Supplier<ContractCoverage> coverage = () -> null;

  /**
   * @param adminContract the admin API's document ({@link ApiContract#loadAdminInBackground()})
   * @param maxViolations how many violations a refusal names at most
   */
  public AdminApi(
      MockJournal journal,
      ArtifactStore store,
      StatefulArtifactsApi api,
      OverridesAdmin overrides,
      ObjectMapper json,
      ApiContract adminContract,
      int maxViolations) {
    this.journal = journal;
    this.store = store;
    this.api = api;
    this.overrides = overrides;
    this.json = json;
    this.adminContract = adminContract;
    // The admin token is the admin door's (AdminAccessPolicy), checked before: no bearer rule here.
    this.check =
        new ContractCheck(adminContract, BearerTokens.only(List.of()), json, maxViolations);
  }

  /** Serves the contract coverage at {@code GET coverage}; returns this. */
  public AdminApi withCoverage(Supplier<ContractCoverage> coverage) {
    this.coverage = coverage;
    return this;
  }

  private final List<Route> routes = table();

  /** Every route served, in the order they are matched. */
  public List<Route> routes() {
    return routes;
  }

  private List<Route> table() {
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
        route("POST", "/forced-responses", call -> force(call.body())),
        route(
            "DELETE",
            "/forced-responses",
            call -> {
              overrides.overrides().clearForcedResponses();
              return ok(Map.of("cleared", true));
            }),
        get("/faults", call -> ok(Map.of("faults", overrides.overrides().faults()))),
        route("POST", "/faults", call -> inject(call.body())),
        route(
            "DELETE",
            "/faults",
            call -> {
              overrides.overrides().clearFaults();
              return ok(Map.of("cleared", true));
            }),
        get("/health", call -> health()),
        get("/version", call -> ok(version())),
        get(
            "/openapi.yaml",
            call ->
                Answer.of(200)
                    .withHeader("Content-Type", "application/yaml; charset=utf-8")
                    .withBody(RemoteCacheAdminSpec.text().getBytes(StandardCharsets.UTF_8))),
        get(LiveViewPage.PATH, call -> liveView.answer()),
        new Route("POST", SHUTDOWN, call -> ok(Map.of("shutdown", true))));
  }

  /** Whether {@code path} (under {@code /__admin}) is one this API answers, for some method. */
  public boolean serves(String path) {
    return path.startsWith(BASE + "/") || path.equals(SHUTDOWN);
  }

  /**
   * Answers a call to one of the routes: {@code request}'s path is under {@code /__admin}, its body
   * {@code body}. A call that breaks the admin API's document is refused in the API's error shape
   * (a path it does not declare is a 404, a method a 405); empty for a path this API does not serve
   * ({@link #serves}: WireMock's own admin API answers those).
   */
  public Optional<Answer> handle(ApiRequest request, byte[] body) {
    if (!serves(request.path())) {
      return Optional.empty();
    }
    boolean head = "HEAD".equals(request.method());
    String method = head ? "GET" : request.method();
    Optional<Request.Method> validatorMethod = ValidatorRequest.methodOf(method);
    String documentPath = "/__admin" + request.path();
    RequestVerdict verdict =
        validatorMethod.isEmpty()
            ? check.unknownMethod(documentPath, method)
            : check.check(
                ValidatorRequest.withBody(
                    withPath(request, documentPath), validatorMethod.get(), body));
    Answer answer;
    if (!verdict.accepted()) {
      answer = RejectionAnswers.of(verdict);
    } else {
      answer =
          routes.stream()
              .filter(r -> r.path().equals(request.path()) && r.method().equals(method))
              .findFirst()
              .map(r -> r.handler().apply(new Call(request.query(), body)))
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "the admin API's document declares "
                              + method
                              + " "
                              + documentPath
                              + ", which the mock does not serve"));
    }
    return Optional.of(head ? answer.withoutBody() : answer);
  }

  /** The request as the document names it: its path from {@code /__admin} on. */
  private static ApiRequest withPath(ApiRequest request, String path) {
    return new ApiRequest(
        request.method(),
        path,
        request.rawQuery(),
        request.headers(),
        request.body(),
        request.baseUrl(),
        request.clientIp());
  }

  private static Route get(String path, Function<Call, Answer> handler) {
    return route("GET", path, handler);
  }

  private static Route route(String method, String path, Function<Call, Answer> handler) {
    return new Route(method, BASE + path, handler);
  }

  /**
   * The accepted events, narrowed by the query parameters the document declares (checked against it
   * already): {@code session}, {@code team} (teamId or slug), {@code source}, {@code type}, {@code
   * hash}.
   */
  private Answer events(Call call) {
    EventFilter filter = EventFilter.all();
    for (Map.Entry<String, List<String>> parameter : call.query().entrySet()) {
      String value = parameter.getValue().isEmpty() ? "" : parameter.getValue().get(0);
      filter =
          switch (parameter.getKey()) {
            case "session" -> filter.session(UUID.fromString(value));
            case "team" -> filter.team(value);
            case "source" -> filter.source(CacheSource.fromValue(value));
            case "type" -> filter.type(CacheEventType.fromValue(value));
            case "hash" -> filter.hash(value);
            default -> filter; // the admin token (?token=), which the admin door has read
          };
    }
    List<RecordedEvent> events = journal.events(filter);
    return ok(
        Map.of("count", events.size(), "events", events, "droppedEvents", journal.droppedEvents()));
  }

  private Answer force(byte[] body) {
    ForcedResponse forced = read(body, ForcedResponse.class);
    Optional<Violation> refused = overrides.refusal(forced);
    if (refused.isPresent()) {
      return refusal(refused.get());
    }
    overrides.overrides().force(forced);
    return ok(Map.of("set", forced));
  }

  private Answer inject(byte[] body) {
    JsonNode rule = readTree(body);
    // What the document cannot say (FaultRule's constructor holds the same for Java callers).
    if ("DELAY".equals(rule.path("kind").asText()) && !rule.has("delayMs")) {
      return refusal(
          Violations.of(ViolationLocation.BODY, ViolationRule.REQUIRED, "a DELAY needs delayMs")
              .at("/delayMs"));
    }
    if (rule.has("delayMaxMs")
        && rule.path("delayMaxMs").asLong() < rule.path("delayMs").asLong()) {
      return refusal(
          Violations.of(
                  ViolationLocation.BODY,
                  ViolationRule.MINIMUM,
                  "must be at least delayMs (" + rule.path("delayMs").asLong() + ")")
              .at("/delayMaxMs")
              .expected(rule.path("delayMs").asLong())
              .actual(rule.path("delayMaxMs").asLong()));
    }
    FaultRule fault = json.convertValue(rule, FaultRule.class);
    Optional<Violation> refused = overrides.refusal(fault);
    if (refused.isPresent()) {
      return refusal(refused.get());
    }
    overrides.overrides().inject(fault);
    return ok(Map.of("set", fault));
  }

  private Answer setStatus(byte[] body) {
    api.setStatus(CachingStatus.fromValue(readTree(body).path("status").asText()));
    return ok(Map.of("status", api.status()));
  }

  private Answer health() {
    overrides.contract().awaitLoaded(); // ready: API requests are answered without waiting
    return ok(Map.of("status", "UP"));
  }

  private Map<String, String> version() {
    String version = AdminApi.class.getPackage().getImplementationVersion();
    return Map.of(
        "version",
        version == null ? "development" : version,
        "apiSpecVersion",
        overrides.contract().openApi().getInfo().getVersion(),
        "adminSpecVersion",
        adminContract.openApi().getInfo().getVersion());
  }

  /** The {@code since} parameter (a non-negative integer, as checked): 0 when absent. */
  private static int since(Call call) {
    String value = call.first("since");
    return value == null ? 0 : Integer.parseInt(value);
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

  /** A body the document accepted (it checked that it is one JSON value of the right shape). */
  private JsonNode readTree(byte[] body) {
    try {
      return json.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException("a body the admin API's document accepted is not JSON", e);
    }
  }

  private <T> T read(byte[] body, Class<T> type) {
    return json.convertValue(readTree(body), type);
  }

  /** A refusal of what the document cannot say, in the shape of the document's own. */
  private static Answer refusal(Violation violation) {
    return RejectionAnswers.of(new RequestVerdict(Optional.empty(), List.of(violation)));
  }

  private Answer ok(Object body) {
    try {
      return Answer.json(200, json.writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write an admin answer", e);
    }
  }
}
