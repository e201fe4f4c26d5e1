package dev.remotecache.contract;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * One request of the contract, as data: built from the spec's examples, changed one rule at a time
 * by {@link ConstraintCatalog}, and sent over real HTTP to any server.
 *
 * @param path the concrete path, with its parameters filled in
 * @param body the JSON body, or {@code null} for none (or for a binary body)
 * @param binaryBody the bytes of a non-JSON body, or {@code null}
 * @param authorized whether to send the bearer token
 */
public record ContractRequest(
    String operationId,
    String method,
    String path,
    Map<String, String> query,
    Map<String, String> headers,
    String contentType,
    JsonNode body,
    byte[] binaryBody,
    boolean authorized) {

  public ContractRequest {
    // Kept in the order given: the curl lines of a reproduction read the same from run to run.
    query = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(query));
    headers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
  }

  public boolean hasBody() {
    return body != null || binaryBody != null;
  }

  public ContractRequest withBody(JsonNode newBody) {
    return new ContractRequest(
        operationId, method, path, query, headers, contentType, newBody, null, authorized);
  }

  public ContractRequest withoutBody() {
    return new ContractRequest(
        operationId, method, path, query, headers, contentType, null, null, authorized);
  }

  public ContractRequest withPath(String newPath) {
    return new ContractRequest(
        operationId, method, newPath, query, headers, contentType, body, binaryBody, authorized);
  }

  public ContractRequest withHeader(String name, String value) {
    Map<String, String> changed = new LinkedHashMap<>(headers);
    if (value == null) {
      changed.remove(name);
    } else {
      changed.put(name, value);
    }
    return new ContractRequest(
        operationId, method, path, query, changed, contentType, body, binaryBody, authorized);
  }

  public ContractRequest withQuery(String name, String value) {
    Map<String, String> changed = new LinkedHashMap<>(query);
    if (value == null) {
      changed.remove(name);
    } else {
      changed.put(name, value);
    }
    return new ContractRequest(
        operationId, method, path, changed, headers, contentType, body, binaryBody, authorized);
  }

  public ContractRequest withoutCredentials() {
    return new ContractRequest(
        operationId, method, path, query, headers, contentType, body, binaryBody, false);
  }

  /** Path and query, encoded. */
  public String pathAndQuery() {
    if (query.isEmpty()) {
      return path;
    }
    StringJoiner joined = new StringJoiner("&", path + "?", "");
    query.forEach((k, v) -> joined.add(encode(k) + "=" + encode(v)));
    return joined.toString();
  }

  /** The request for {@code java.net.http}, against {@code baseUrl} with {@code token}. */
  public HttpRequest toHttpRequest(String baseUrl, String token) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery()))
            .timeout(Duration.ofSeconds(10));
    headers.forEach(builder::header);
    if (authorized) {
      builder.header("Authorization", "Bearer " + token);
    }
    if (body != null) {
      builder.header("Content-Type", contentType);
      builder.method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
    } else if (binaryBody != null) {
      builder.header("Content-Type", contentType);
      builder.method(method, HttpRequest.BodyPublishers.ofByteArray(binaryBody));
    } else {
      builder.method(method, HttpRequest.BodyPublishers.noBody());
    }
    return builder.build();
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return method
        + " "
        + pathAndQuery()
        + (authorized ? "" : " (no token)")
        + " headers="
        + headers
        + (body != null
            ? " body=" + body
            : binaryBody != null ? " (" + binaryBody.length + " bytes)" : " (no body)");
  }
}
