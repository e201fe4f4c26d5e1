package dev.remotecache.mock.internal.contract;

import com.atlassian.oai.validator.model.ApiOperation;
import com.atlassian.oai.validator.model.Request;
import dev.remotecache.contract.core.ApiContract;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The API's CORS policy, read from the spec: its root {@code x-cors} (origin, preflight status, max
 * age, headers exposed beyond the declared ones) and, for everything else, the operations
 * themselves: a route allows the methods it has operations for and the request headers those
 * operations declare (header parameters, {@code Content-Type} for a body, the security scheme's
 * header); every response header the spec declares is exposed.
 */
public final class CorsPolicy {

  static final String EXTENSION = "x-cors";

  private final ApiContract contract;
  private final String allowOrigin;
  private final int preflightStatus;
  private final long maxAgeSeconds;
  private final List<String> exposedHeaders;

  private CorsPolicy(
      ApiContract contract,
      String allowOrigin,
      int preflightStatus,
      long maxAgeSeconds,
      List<String> exposedHeaders) {
    this.contract = contract;
    this.allowOrigin = allowOrigin;
    this.preflightStatus = preflightStatus;
    this.maxAgeSeconds = maxAgeSeconds;
    this.exposedHeaders = exposedHeaders;
  }

  /** The policy of the contract's document; fails if it declares none. */
  public static CorsPolicy of(ApiContract contract) {
    OpenAPI api = contract.openApi();
    Object declared = api.getExtensions() == null ? null : api.getExtensions().get(EXTENSION);
    if (!(declared instanceof Map<?, ?> cors)) {
      throw new IllegalStateException("the OpenAPI document declares no " + EXTENSION);
    }
    Names exposed = new Names();
    api.getPaths()
        .values()
        .forEach(
            item ->
                item.readOperations().stream()
                    .flatMap(op -> op.getResponses().values().stream())
                    .filter(response -> response.getHeaders() != null)
                    .forEach(response -> response.getHeaders().keySet().forEach(exposed::add)));
    if (cors.get("alsoExpose") instanceof List<?> also) {
      also.forEach(name -> exposed.add(String.valueOf(name)));
    }
    return new CorsPolicy(
        contract,
        String.valueOf(required(cors, "allowOrigin")),
        ((Number) required(cors, "preflightStatus")).intValue(),
        ((Number) required(cors, "maxAgeSeconds")).longValue(),
        exposed.list());
  }

  private static Object required(Map<?, ?> cors, String key) {
    Object value = cors.get(key);
    if (value == null) {
      throw new IllegalStateException(EXTENSION + " in the OpenAPI document has no " + key);
    }
    return value;
  }

  public String allowOrigin() {
    return allowOrigin;
  }

  public int preflightStatus() {
    return preflightStatus;
  }

  public long maxAgeSeconds() {
    return maxAgeSeconds;
  }

  /** Every response header the spec declares, and those {@code x-cors} adds. */
  public List<String> exposedHeaders() {
    return exposedHeaders;
  }

  /** The methods the spec has operations for on a concrete path; empty for a path it lacks. */
  public List<String> allowedMethods(String path) {
    return contract.methodsAllowedOn(path);
  }

  /** The operation a preflight asks about, if the spec has one for that method and path. */
  public Optional<ApiOperation> operationFor(String path, String method) {
    return ValidatorRequest.methodOf(method).flatMap(m -> contract.operationFor(path, m));
  }

  /**
   * The request headers the operations on a concrete path declare, in the spec's spelling: the
   * security scheme's header ({@code Authorization} for a bearer token), {@code Content-Type} for
   * an operation with a body, and every header parameter.
   */
  public List<String> allowedHeaders(String path) {
    Names names = new Names();
    for (Request.Method method : Request.Method.values()) {
      contract
          .operationFor(path, method)
          .ifPresent(op -> requestHeaders(op.getOperation()).forEach(names::add));
    }
    return names.list();
  }

  private List<String> requestHeaders(Operation operation) {
    List<String> names = new ArrayList<>();
    if (operation.getSecurity() != null) {
      for (SecurityRequirement requirement : operation.getSecurity()) {
        requirement.keySet().stream()
            .map(this::securityScheme)
            .flatMap(Optional::stream)
            .forEach(names::add);
      }
    }
    if (operation.getRequestBody() != null) {
      names.add("Content-Type");
    }
    if (operation.getParameters() != null) {
      operation.getParameters().stream()
          .filter(p -> "header".equals(p.getIn()))
          .map(Parameter::getName)
          .forEach(names::add);
    }
    return names;
  }

  /** The request header a security scheme reads. */
  private Optional<String> securityScheme(String name) {
    SecurityScheme scheme =
        contract.openApi().getComponents() == null
                || contract.openApi().getComponents().getSecuritySchemes() == null
            ? null
            : contract.openApi().getComponents().getSecuritySchemes().get(name);
    if (scheme == null || scheme.getType() == null) {
      return Optional.empty();
    }
    return switch (scheme.getType()) {
      case HTTP, OAUTH2, OPENIDCONNECT -> Optional.of("Authorization");
      case APIKEY ->
          scheme.getIn() == SecurityScheme.In.HEADER
              ? Optional.of(scheme.getName())
              : Optional.empty();
      default -> Optional.empty();
    };
  }

  /** Header names in first-seen order, each once whatever its case. */
  private static final class Names {
    private final Map<String, String> byLowerCase = new LinkedHashMap<>();

    void add(String name) {
      byLowerCase.putIfAbsent(name.toLowerCase(Locale.ROOT), name);
    }

    List<String> list() {
      return List.copyOf(byLowerCase.values());
    }
  }
}
