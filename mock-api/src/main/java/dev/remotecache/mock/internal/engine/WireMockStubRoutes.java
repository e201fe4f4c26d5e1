package dev.remotecache.mock.internal.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.remotecache.admin.client.invoker.ApiClient;
import dev.remotecache.client.model.Violation;
import dev.remotecache.mock.StubRefused;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * WireMock's own stub routes ({@code /__admin/mappings}) of a server in another JVM. They are
 * WireMock's API, not the kit's (so not in remote-cache-admin.yaml); the mock answers a refused
 * stub in the API's error shape, read back here as {@link StubRefused}. Sent with the generated
 * admin client's HTTP client, base address and token.
 */
final class WireMockStubRoutes {

  private static final Pattern REFUSED_STUB = Pattern.compile("stub (.*) refused: ");

  private final ApiClient client;
  private final ObjectMapper json;
  private final URI server;

  /**
   * @param client the generated admin client's configuration (its base address is the admin API's)
   * @param server the server's address, {@code http://127.0.0.1:PORT}
   */
  WireMockStubRoutes(ApiClient client, URI server) {
    this.client = client;
    this.json = client.getObjectMapper();
    this.server = server;
  }

  /**
   * {@code POST /__admin/mappings}, behind the mock's check of the stub.
   *
   * @return the stub as registered, as JSON
   * @throws StubRefused with the server's violations when the stub breaks the contract
   */
  String register(String mappingJson) {
    HttpResponse<byte[]> answer =
        exchange("/__admin/mappings", mappingJson.getBytes(StandardCharsets.UTF_8));
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
      Matcher stub = REFUSED_STUB.matcher(error.path("message").asText());
      List<Violation> violations =
          json.convertValue(
              error.path("violations"),
              json.getTypeFactory().constructCollectionType(List.class, Violation.class));
      throw new StubRefused(stub.lookingAt() ? stub.group(1) : "(posted)", violations);
    }
    throw new IllegalStateException(
        "the mock's server answered POST /__admin/mappings with "
            + answer.statusCode()
            + ": "
            + text);
  }

  /** {@code POST /__admin/mappings/reset}: back to the stubs of the mappings folder. */
  void reset() {
    HttpResponse<byte[]> answer = exchange("/__admin/mappings/reset", new byte[0]);
    if (answer.statusCode() != 200) {
      throw new IllegalStateException(
          "the mock's server answered POST /__admin/mappings/reset with " + answer.statusCode());
    }
  }

  private HttpResponse<byte[]> exchange(String path, byte[] body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(server.resolve(path))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (client.getRequestInterceptor() != null) {
      client.getRequestInterceptor().accept(request);
    }
    try {
      return client.getHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "the mock's server (another JVM, " + server + ") did not answer POST " + path, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while calling the mock's server", e);
    }
  }
}
