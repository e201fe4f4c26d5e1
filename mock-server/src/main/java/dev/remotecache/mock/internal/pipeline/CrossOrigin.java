package dev.remotecache.mock.internal.pipeline;

import dev.remotecache.contract.core.ApiContract;
import dev.remotecache.mock.internal.contract.CorsPolicy;
import dev.remotecache.mock.internal.contract.RequestVerdict;
import dev.remotecache.mock.internal.http.Answer;
import dev.remotecache.mock.internal.http.ApiRequest;
import dev.remotecache.mock.journal.AnswerClass;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Browsers and turbo's {@code --preflight}: answers CORS preflights before the contract check (no
 * token needed, never a rejection) and puts the CORS headers on every answer, errors included, as
 * the spec's {@link CorsPolicy} says.
 */
final class CrossOrigin {

  /** The mock's own workbench header ({@code Prefer: code=403}), which a page may send too. */
  private static final String PREFER = "Prefer";

  private final ApiContract contract;
  private volatile CorsPolicy policy;

  /** The two headers every answer gets, worded once. */
  private volatile List<String> exposed;

  CrossOrigin(ApiContract contract) {
    this.contract = contract;
  }

  /** Read when first needed: the contract may still be loading while the server starts. */
  private CorsPolicy policy() {
    CorsPolicy read = policy;
    if (read == null) {
      read = CorsPolicy.of(contract);
      policy = read;
    }
    return read;
  }

  /**
   * The answer to a CORS preflight ({@code OPTIONS} with {@code Access-Control-Request-Method}) on
   * a route of the spec; empty for anything else, which takes the ordinary road (an {@code OPTIONS}
   * on a path the spec lacks is its 404 there).
   */
  Optional<Outcome> preflight(ApiRequest request) {
    Optional<String> asked = request.header("Access-Control-Request-Method");
    if (!"OPTIONS".equals(request.method()) || asked.isEmpty()) {
      return Optional.empty();
    }
    CorsPolicy cors = policy();
    List<String> methods = cors.allowedMethods(request.path());
    if (methods.isEmpty()) {
      return Optional.empty();
    }
    List<String> headers = new ArrayList<>(cors.allowedHeaders(request.path()));
    headers.add(PREFER);
    Answer answer =
        Answer.of(cors.preflightStatus())
            .withHeader("Access-Control-Allow-Methods", String.join(", ", methods))
            .withHeader("Access-Control-Allow-Headers", String.join(", ", headers))
            .withHeader("Access-Control-Max-Age", String.valueOf(cors.maxAgeSeconds()));
    String method = asked.get().trim();
    String note =
        cors.operationFor(request.path(), method)
            .map(op -> "for " + method + " (" + op.getOperation().getOperationId() + ")")
            .orElseGet(
                () ->
                    "for " + method + ", which this route does not allow: allowed are " + methods);
    return Optional.of(
        new Outcome(
            new RequestVerdict(Optional.empty(), List.of()),
            answer,
            note,
            AnswerClass.PREFLIGHT,
            OverridesMet.NONE));
  }

  /**
   * The answer with the CORS headers any origin may read it by; those of a proxied server's answer
   * are replaced, so that each is sent once.
   */
  Answer withHeaders(Answer answer) {
    CorsPolicy cors = policy();
    Map<String, List<String>> headers = new LinkedHashMap<>();
    answer
        .headers()
        .forEach(
            (name, values) -> {
              String lower = name.toLowerCase(Locale.ROOT);
              if (!lower.equals("access-control-allow-origin")
                  && !lower.equals("access-control-expose-headers")) {
                headers.put(name, values);
              }
            });
    List<String> expose = exposed;
    if (expose == null) {
      expose = List.of(String.join(", ", cors.exposedHeaders()));
      exposed = expose;
    }
    headers.put("Access-Control-Allow-Origin", List.of(cors.allowOrigin()));
    headers.put("Access-Control-Expose-Headers", expose);
    return answer.withHeaders(headers);
  }
}
