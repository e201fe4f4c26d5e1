package dev.remotecache.mock.internal.engine;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.remotecache.client.model.Violation;
import dev.remotecache.mock.StubRefused;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Calls to the mock's admin API ({@code /__admin/remote-cache/...}, {@code
 * internal.admin.AdminApi}) of a server in another JVM, with the same JSON the server writes: the
 * journal's records, the overrides and the client's generated models, read back into the same Java
 * types.
 */
final class AdminClient {

  private static final String BASE = "/__admin/remote-cache";

  private final ObjectMapper json =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .serializationInclusion(JsonInclude.Include.NON_NULL)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final URI server;
  private final String adminToken;

  /**
   * @param server where the admin API answers ({@code http://127.0.0.1:PORT})
   * @param adminToken the server's {@code --admin-token}, or {@code null}
   */
  AdminClient(URI server, String adminToken) {
    this.server = server;
    this.adminToken = adminToken;
  }

  /** {@code GET route}, the member {@code field} of its answer, as {@code type}. */
  <T> T get(String route, String field, TypeReference<T> type) {
    return read(get(route).path(field), type);
  }

  JsonNode get(String route) {
    return send("GET", route, null);
  }

  <T> T read(JsonNode node, TypeReference<T> type) {
    return json.convertValue(node, type);
  }

  <T> List<T> list(JsonNode node, Class<T> type) {
    return json.convertValue(node, json.getTypeFactory().constructCollectionType(List.class, type));
  }

  /**
   * {@code POST /__admin/mappings}: WireMock's route, behind the mock's check of the stub.
   *
   * @return the stub as registered, as JSON
   * @throws StubRefused with the server's violations when the stub breaks the contract
   */
  String registerStub(String mappingJson) {
    HttpResponse<byte[]> answer =
        exchange("POST", "/__admin/mappings", mappingJson.getBytes(StandardCharsets.UTF_8));
    String text = new String(answer.body(), StandardCharsets.UTF_8);
    if (answer.statusCode() == 201 || answer.statusCode() == 200) {
      return text;
    }
    JsonNode error = null;
    try {
      error = json.readTree(answer.body()).path("error");
    } catch (IOException e) {
      // not the error shape: said below as it is
    }
    if (answer.statusCode() == 400 && error != null && error.has("violations")) {
      String message = error.path("message").asText();
      Matcher stub = REFUSED_STUB.matcher(message);
      throw new StubRefused(
          stub.lookingAt() ? stub.group(1) : "(posted)",
          list(error.path("violations"), Violation.class));
    }
    throw new IllegalStateException(
        "the mock's server answered POST /__admin/mappings with "
            + answer.statusCode()
            + ": "
            + text);
  }

  /** {@code POST /__admin/mappings/reset}: the stubs of the mappings folder only. */
  void resetStubs() {
    HttpResponse<byte[]> answer = exchange("POST", "/__admin/mappings/reset", new byte[0]);
    if (answer.statusCode() != 200) {
      throw new IllegalStateException(
          "the mock's server answered POST /__admin/mappings/reset with " + answer.statusCode());
    }
  }

  private static final Pattern REFUSED_STUB = Pattern.compile("stub (.*) refused: ");

  private HttpResponse<byte[]> exchange(String method, String path, byte[] body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(server.resolve(path))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
    if (adminToken != null) {
      request.header("Authorization", "Bearer " + adminToken);
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "the mock's server (another JVM, " + server + ") did not answer " + method + " " + path,
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while calling the mock's server", e);
    }
  }

  /**
   * Sends {@code body} (any value, written as JSON; {@code null} for none). A {@code 400} is the
   * server refusing what was sent ({@link IllegalArgumentException} with its message, as in
   * process); anything else but {@code 200} is a broken server.
   */
  JsonNode send(String method, String route, Object body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(server.resolve(BASE + route)).timeout(Duration.ofSeconds(30));
    if (adminToken != null) {
      request.header("Authorization", "Bearer " + adminToken);
    }
    HttpResponse<byte[]> answer;
    try {
      byte[] bytes = body == null ? null : json.writeValueAsBytes(body);
      request.method(
          method,
          bytes == null
              ? HttpRequest.BodyPublishers.noBody()
              : HttpRequest.BodyPublishers.ofByteArray(bytes));
      if (bytes != null) {
        request.header("Content-Type", "application/json");
      }
      answer = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "the mock's server (another JVM, " + server + ") did not answer " + method + " " + route,
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while calling the mock's server", e);
    }
    JsonNode tree;
    try {
      tree = json.readTree(answer.body());
    } catch (IOException e) {
      tree = null;
    }
    if (answer.statusCode() == 200 && tree != null) {
      return tree;
    }
    String message =
        tree == null ? new String(answer.body()) : tree.path("error").path("message").asText();
    if (answer.statusCode() == 400) {
      throw new IllegalArgumentException(message);
    }
    throw new IllegalStateException(
        "the mock's server answered "
            + method
            + " "
            + route
            + " with "
            + answer.statusCode()
            + ": "
            + message);
  }
}
