package dev.remotecache.mock;

import com.fasterxml.jackson.databind.JsonNode;
import dev.remotecache.mock.internal.http.MockJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Plain HTTP calls for tests: real requests on a real port, with a timeout so a hang fails the
 * test.
 */
final class Http {

  static final String EVENTS = "/v8/artifacts/events";
  static final String VALID_EVENT =
      """
            {"sessionId":"56699e9f-0892-44d5-b956-3f2ddfd4512e","source":"REMOTE","event":"HIT",\
            "hash":"6304b9faf99a2e19","duration":178}""";

  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private Http() {}

  static HttpRequest.Builder post(String baseUrl, String pathAndQuery, String body) {
    return post(baseUrl, pathAndQuery, body, "application/json");
  }

  /**
   * Note: {@code HttpRequest.Builder.header} adds a value, so the content type is set here, once.
   */
  static HttpRequest.Builder post(
      String baseUrl, String pathAndQuery, String body, String contentType) {
    return HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery))
        .timeout(Duration.ofSeconds(10))
        .header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofString(body));
  }

  static HttpRequest.Builder authorizedPost(String baseUrl, String pathAndQuery, String body) {
    return post(baseUrl, pathAndQuery, body).header("Authorization", "Bearer test-token");
  }

  static HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static JsonNode json(HttpResponse<String> response) {
    try {
      return MockJson.mapper().readTree(response.body());
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + response.body(), e);
    }
  }
}
