package dev.remotecache.interop;

import com.fasterxml.jackson.databind.JsonNode;
import dev.remotecache.client.RemoteCacheClient;
import dev.remotecache.client.api.ArtifactsApi;
import dev.remotecache.client.invoker.ApiClient;
import dev.remotecache.client.invoker.ApiException;
import dev.remotecache.client.model.CacheEventType;
import dev.remotecache.client.model.CacheSource;
import dev.remotecache.client.model.CacheUsageEvent;
import dev.remotecache.client.model.ErrorResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The kit's Java client (generated-client: java generator, apache-httpclient library) runs each
 * scenario in this JVM, called as a Java tool would call it. Its artifact round trip is in
 * contract-tests (GeneratedClientContractTest).
 */
class JavaClientScenariosTest extends ClientScenarioContract {

  private static final Set<String> EVENT_PROPERTIES =
      Set.of("sessionId", "source", "event", "hash", "duration");

  /** The typed client has no way to say this. */
  private static final class CannotExpress extends Exception {
    CannotExpress(String reason) {
      super(reason);
    }
  }

  @Override
  String language() {
    return "java";
  }

  @Override
  ClientOutcome run(Scenario scenario, String baseUrl) throws Exception {
    JsonNode request = scenario.request();
    List<CacheUsageEvent> events = new ArrayList<>();
    String clientCi = null;
    Integer interactive = null;
    String teamId = null;
    String slug = null;
    try {
      for (JsonNode event : request.path("events")) {
        events.add(event(event));
      }
      for (Map.Entry<String, JsonNode> h : request.path("headers").properties()) {
        switch (h.getKey()) {
          case "x-artifact-client-ci" -> clientCi = text(h.getValue(), "xArtifactClientCi");
          case "x-artifact-client-interactive" -> {
            if (!h.getValue().isInt()) {
              throw new CannotExpress(
                  "xArtifactClientInteractive is an Integer, got " + h.getValue());
            }
            interactive = h.getValue().intValue();
          }
          default ->
              throw new CannotExpress("recordEvents has no parameter for header " + h.getKey());
        }
      }
      for (Map.Entry<String, JsonNode> q : request.path("query").properties()) {
        switch (q.getKey()) {
          case "teamId" -> teamId = text(q.getValue(), "teamId");
          case "slug" -> slug = text(q.getValue(), "slug");
          default ->
              throw new CannotExpress("recordEvents has no parameter for query " + q.getKey());
        }
      }
    } catch (CannotExpress e) {
      return ClientOutcome.cannotExpress(e.getMessage());
    }
    ApiClient client =
        scenario
            .token()
            .map(token -> RemoteCacheClient.apiClient(baseUrl, token))
            .orElseGet(() -> new ApiClient().setBasePath(baseUrl));
    try {
      new ArtifactsApi(client).recordEvents(events, clientCi, interactive, teamId, slug);
      return ClientOutcome.accepted();
    } catch (ApiException e) {
      // The error body read into the generated model: what a caller can see of it.
      ErrorResponse error =
          client.getObjectMapper().readValue(e.getResponseBody(), ErrorResponse.class);
      return ClientOutcome.rejected(
          e.getCode(), e.getMessage(), client.getObjectMapper().valueToTree(error));
    }
  }

  /** Fills in the typed model from the scenario's JSON, as a caller would. */
  private static CacheUsageEvent event(JsonNode json) throws CannotExpress {
    for (Iterator<String> keys = json.fieldNames(); keys.hasNext(); ) {
      String key = keys.next();
      if (!EVENT_PROPERTIES.contains(key)) {
        throw new CannotExpress("CacheUsageEvent has no property " + key);
      }
    }
    for (String key : List.of("sessionId", "source", "event", "hash")) {
      if (!json.has(key)) {
        // Left unset, the model writes "key": null (Jackson includes nulls): not the same request.
        throw new CannotExpress(
            "an unset " + key + " is written as \"" + key + "\": null, not left out");
      }
    }
    CacheUsageEvent event = new CacheUsageEvent();
    if (json.has("sessionId")) {
      String sessionId = text(json.get("sessionId"), "sessionId");
      try {
        event.sessionId(UUID.fromString(sessionId));
      } catch (IllegalArgumentException e) {
        throw new CannotExpress("sessionId is a java.util.UUID, \"" + sessionId + "\" is not one");
      }
    }
    try {
      if (json.has("source")) {
        event.source(CacheSource.fromValue(text(json.get("source"), "source")));
      }
      if (json.has("event")) {
        event.event(CacheEventType.fromValue(text(json.get("event"), "event")));
      }
    } catch (IllegalArgumentException e) {
      throw new CannotExpress("source and event are enums: " + e.getMessage());
    }
    if (json.has("hash")) {
      event.hash(text(json.get("hash"), "hash"));
    }
    if (json.has("duration")) {
      event.duration(json.get("duration").doubleValue());
    }
    return event;
  }

  private static String text(JsonNode value, String what) throws CannotExpress {
    if (!value.isTextual()) {
      throw new CannotExpress(what + " is a String, got " + value);
    }
    return value.asText();
  }
}
