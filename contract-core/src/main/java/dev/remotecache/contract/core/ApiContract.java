package dev.remotecache.contract.core;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.interaction.ApiOperationResolver;
import com.atlassian.oai.validator.interaction.request.RequestValidator;
import com.atlassian.oai.validator.interaction.response.ResponseValidator;
import com.atlassian.oai.validator.model.ApiOperation;
import com.atlassian.oai.validator.model.ApiOperationMatch;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.Response;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.MessageResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import dev.remotecache.openapi.RemoteCacheAdminSpec;
import dev.remotecache.openapi.RemoteCacheSpec;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The OpenAPI document, parsed once, with the validator built on it.
 *
 * <p>Everything the mock knows about the API (routes, rules, responses) comes from here; nothing
 * about the contract is written again in Java.
 */
public final class ApiContract {

  /**
   * Parsing the spec and building the validator is most of the mock's start-up: it may run in the
   * background.
   */
  private final CompletableFuture<State> state;

  /**
   * One resolved operation per route: what the mock reads of it (the operation, the template) is
   * the same for every path.
   */
  // Keyed by "METHOD /template": a Route's own hashCode would hash the whole swagger Operation
  // graph.
  private final Map<String, ApiOperation> resolvedOperations = new ConcurrentHashMap<>();

  /** Everything read from the document, built once. */
  private record State(
      OpenAPI openApi,
      OpenApiInteractionValidator validator,
      RequestValidator requestValidator,
      ResponseValidator responseValidator,
      ApiOperationResolver resolver,
      List<Route> routes) {
    static State of(OpenAPI openApi, LevelResolver levels) {
      // The validator's own request and response validators, built the same way (the same message
      // levels), so a request whose operation is already known is validated without a second route
      // lookup, and both can keep a body's errors capped.
      MessageResolver messages = new MessageResolver(levels);
      CappedSchemaValidator schemas = new CappedSchemaValidator(openApi, messages);
      return new State(
          openApi,
          OpenApiInteractionValidator.createFor(openApi).withLevelResolver(levels).build(),
          new RequestValidator(schemas, messages, openApi, List.of()),
          new ResponseValidator(schemas, messages, openApi, List.of()),
          new ApiOperationResolver(openApi, null, false),
          collectRoutes(openApi));
    }
  }

  private ApiContract(CompletableFuture<State> state) {
    this.state = state;
  }

  private State state() {
    try {
      return state.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException re ? re : e;
    }
  }

  /**
   * The kit's own document, parsed in the background: the caller can build everything else (the
   * HTTP server) meanwhile; the first use waits for it. {@link #awaitLoaded()} waits explicitly.
   */
  public static ApiContract loadInBackground() {
    return new ApiContract(
        CompletableFuture.supplyAsync(
            () ->
                State.of(
                    parseDocument(RemoteCacheSpec.text(), RemoteCacheSpec.RESOURCE), API_LEVELS)));
  }

  /**
   * The mock's admin API's document ({@link RemoteCacheAdminSpec}), parsed in the background like
   * {@link #loadInBackground()}. Its validator also refuses a query parameter the document does not
   * declare: the admin API's parameters are filters, and a misspelt one would silently select
   * everything.
   */
  public static ApiContract loadAdminInBackground() {
    return new ApiContract(
        CompletableFuture.supplyAsync(
            () ->
                State.of(
                    parseDocument(RemoteCacheAdminSpec.text(), RemoteCacheAdminSpec.RESOURCE),
                    ADMIN_LEVELS)));
  }

  /** The admin API's document, parsed now. */
  public static ApiContract loadAdmin() {
    return loadAdminInBackground().awaitLoaded();
  }

  /** The validator's default message levels (an undeclared query parameter is ignored). */
  private static final LevelResolver API_LEVELS = LevelResolver.defaultResolver();

  private static final LevelResolver ADMIN_LEVELS =
      LevelResolver.create()
          .withLevel("validation.request.parameter.query.unexpected", ValidationReport.Level.ERROR)
          .build();

  /** Waits until the document is parsed and the validator built; throws if that failed. */
  public ApiContract awaitLoaded() {
    state();
    return this;
  }

  /** The kit's own document, from the {@code remote-cache-openapi} jar. */
  public static ApiContract load() {
    return parse(RemoteCacheSpec.text(), RemoteCacheSpec.RESOURCE);
  }

  /** Any OpenAPI 3.0 document given as text (YAML or JSON). */
  public static ApiContract parse(String document, String name) {
    return new ApiContract(
        CompletableFuture.completedFuture(State.of(parseDocument(document, name), API_LEVELS)));
  }

  private static OpenAPI parseDocument(String document, String name) {
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    // The validator reads responses, parameters and schemas where they are used: inline every $ref.
    options.setResolveFully(true);
    SwaggerParseResult result = new OpenAPIParser().readContents(document, null, options);
    if (result.getOpenAPI() == null) {
      throw new IllegalArgumentException(
          "Cannot parse the OpenAPI document " + name + ": " + result.getMessages());
    }
    return result.getOpenAPI();
  }

  public OpenAPI openApi() {
    return state().openApi();
  }

  /** Every route the document declares, in document order. */
  public List<Route> routes() {
    return state().routes();
  }

  /** The route of an operation, by its {@code operationId}. */
  public Optional<Route> route(String operationId) {
    return routes().stream().filter(r -> r.operationId().equals(operationId)).findFirst();
  }

  /**
   * The operation a request is for, if the document declares one for its method and path.
   *
   * <p>Routes are matched with patterns compiled once (the validator's resolver compiles regular
   * expressions on every call); the validator's own resolver decides only when they do not match.
   */
  public Optional<ApiOperation> operationFor(String path, Request.Method method) {
    for (Route route : routes()) {
      if (route.method().equals(method.name()) && route.matches(path)) {
        ApiOperation known = resolvedOperations.get(route.key());
        if (known == null) {
          known = resolve(path, method);
          if (known != null) {
            resolvedOperations.put(route.key(), known);
          }
        }
        return Optional.ofNullable(known);
      }
    }
    return Optional.ofNullable(resolve(path, method));
  }

  private ApiOperation resolve(String path, Request.Method method) {
    ApiOperationMatch match = state().resolver().findApiOperation(path, method);
    return match.isPathFound() && match.isOperationAllowed() ? match.getApiOperation() : null;
  }

  public ValidationReport validateRequest(Request request) {
    return state().validator().validateRequest(request);
  }

  /**
   * Validates a request whose operation {@link #operationFor} already found. For a route without
   * path parameters the validator is given that operation instead of resolving the route again (its
   * resolver compiles regular expressions on every call, a tenth of a small request's cost); a
   * templated route's operation carries the first request's path, so those go the full way.
   */
  public ValidationReport validateRequest(Request request, Optional<ApiOperation> operation) {
    if (operation.isPresent() && !operation.get().getApiPath().original().contains("{")) {
      return state().requestValidator().validateRequest(request, operation.get());
    }
    return validateRequest(request);
  }

  /**
   * What the validator found in a request, keeping at most {@code maxBodyErrors} errors of its
   * body's schema (the first ones, in document order) and counting the others, so that a body of
   * any size costs the report no more than that ({@link CappedSchemaValidator}). Bodies are capped
   * on routes without path parameters (the JSON bodies of this API); other routes are validated
   * whole.
   */
  public CheckedRequest validateRequest(
      Request request, Optional<ApiOperation> operation, int maxBodyErrors) {
    CappedSchemaValidator.Capped<ValidationReport> capped =
        CappedSchemaValidator.capped(maxBodyErrors, () -> validateRequest(request, operation));
    return new CheckedRequest(capped.result(), capped.omittedErrors());
  }

  /**
   * The validator's report on a request, and how many more errors of its body's schema it found
   * than the report holds.
   */
  public record CheckedRequest(ValidationReport report, long omittedBodyErrors) {}

  public ValidationReport validateResponse(String path, Request.Method method, Response response) {
    return state().validator().validateResponse(path, method, response);
  }

  /**
   * What the validator found in a response, keeping at most {@code maxBodyErrors} errors of its
   * body's schema (the first ones, in document order) and counting the others, as {@link
   * #validateRequest(Request, Optional, int)} does for a request: a server's answer of any size
   * costs the report no more than that. A response's check reads nothing of the request's path, so
   * the operation found for any route serves.
   */
  public CheckedResponse validateResponse(
      String path, Request.Method method, Response response, int maxBodyErrors) {
    Optional<ApiOperation> operation = operationFor(path, method);
    CappedSchemaValidator.Capped<ValidationReport> capped =
        CappedSchemaValidator.capped(
            maxBodyErrors,
            () ->
                operation.isPresent()
                    ? state().responseValidator().validateResponse(response, operation.get())
                    : validateResponse(path, method, response));
    return new CheckedResponse(capped.result(), capped.omittedErrors());
  }

  /**
   * The validator's report on a response, and how many more errors of its body's schema it found
   * than the report holds.
   */
  public record CheckedResponse(ValidationReport report, long omittedBodyErrors) {}

  /** The methods the document allows on a concrete path (for 405 answers), upper case. */
  public List<String> methodsAllowedOn(String path) {
    List<String> methods = new ArrayList<>();
    for (Request.Method method : Request.Method.values()) {
      if (operationFor(path, method).isPresent()) {
        methods.add(method.name());
      }
    }
    return methods;
  }

  /** Every operation, literal paths before templated ones (as OpenAPI matches them). */
  private static List<Route> collectRoutes(OpenAPI api) {
    List<Route> routes = new ArrayList<>();
    api.getPaths()
        .forEach(
            (path, item) ->
                item.readOperationsMap()
                    .forEach(
                        (method, operation) ->
                            routes.add(
                                new Route(
                                    method.name().toUpperCase(Locale.ROOT),
                                    path,
                                    operation,
                                    Pattern.compile(
                                        path.replaceAll("\\{[^/]+}", "[^/]+")
                                            .replace(".", "\\."))))));
    routes.sort(Comparator.comparing(r -> r.pathTemplate().contains("{")));
    return List.copyOf(routes);
  }

  /** One operation of the document: {@code POST /v8/artifacts/events}. */
  public record Route(String method, String pathTemplate, Operation operation, Pattern pattern) {
    public String operationId() {
      return operation.getOperationId();
    }

    boolean matches(String path) {
      return pattern.matcher(path).matches();
    }

    String key() {
      return method + " " + pathTemplate;
    }

    @Override
    public String toString() {
      return method + " " + pathTemplate;
    }
  }
}
