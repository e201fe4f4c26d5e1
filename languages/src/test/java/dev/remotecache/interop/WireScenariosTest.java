package dev.remotecache.interop;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Every scenario sent as is, in plain HTTP, with no generated client in between: holds the
 * expectations of {@code scenarios.json} to the mock, including those of the requests no typed
 * client can express.
 */
class WireScenariosTest extends ClientScenarioContract {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Override
  String language() {
    return "wire";
  }

  @Override
  ClientOutcome run(Scenario scenario, String baseUrl) throws Exception {
    JsonNode request = scenario.request();
    StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
    for (Map.Entry<String, JsonNode> q : request.path("query").properties()) {
      query.add(encode(q.getKey()) + "=" + encode(q.getValue().asText()));
    }
    HttpRequest.Builder http =
        HttpRequest.newBuilder(URI.create(baseUrl + "/v8/artifacts/events" + query))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(scenario.events())));
    for (Map.Entry<String, JsonNode> h : request.path("headers").properties()) {
      http.header(h.getKey(), h.getValue().asText());
    }
    scenario.token().ifPresent(token -> http.header("Authorization", "Bearer " + token));
    HttpResponse<String> response = HTTP.send(http.build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 == 2) {
      return ClientOutcome.accepted();
    }
    return ClientOutcome.rejected(response.statusCode(), null, JSON.readTree(response.body()));
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
