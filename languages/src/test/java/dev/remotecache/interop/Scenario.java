package dev.remotecache.interop;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One entry of {@code languages/scenarios.json}: a request in wire terms, what the mock must do
 * with it, and which languages' typed clients cannot even build it.
 *
 * @param token the bearer token to send; empty for none
 * @param request {@code {"headers": {...}, "query": {...}, "events": [...]}}, names as in the spec
 * @param status 200 (accepted and recorded exactly) or the error status the mock must answer
 * @param code the error code, for an error status
 * @param violations every violation the mock must name, in order (each a partial match: the fields
 *     given)
 * @param cannotExpress language (a row of {@code languages.json}) to the reason its client cannot
 *     say this
 */
public record Scenario(
    String name,
    Optional<String> token,
    JsonNode request,
    int status,
    String code,
    List<JsonNode> violations,
    Map<String, String> cannotExpress) {

  public boolean accepted() {
    return status == 200;
  }

  /** The value of a header or query parameter the request sets, or null. */
  public JsonNode parameter(String in, String name) {
    JsonNode value = request.path(in).get(name);
    return value == null || value.isNull() ? null : value;
  }

  public JsonNode events() {
    return request.get("events");
  }

  @Override
  public String toString() {
    return name;
  }
}
